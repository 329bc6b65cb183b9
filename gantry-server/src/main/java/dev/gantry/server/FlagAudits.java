package dev.gantry.server;

import dev.gantry.flags.FlagChange;
import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagStates;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The audit entries of every flag change on the server: those people make through the API and the pages, and those
 * the server's runs make when they roll back, which no person asked for yet are as much a change. Each change has
 * exactly one entry, written as soon as it is recorded, or, when the server stopped or failed in between, by the
 * next server to look (at its start and at each sweep, whichever replica it is): the audit log marks each change
 * audited in the entry's own transaction.
 */
final class FlagAudits {

    /** Who the audit log names when a rollback no person decided (a breach) turned a flag off. */
    static final String GANTRY = "gantry serve";

    /** The audit log's subjects hold this many characters at most. */
    private static final int SUBJECT = 1000;

    private final AuditLog audit;
    private final ServerLog log;

    FlagAudits(AuditLog audit, ServerLog log) {
        this.audit = audit;
        this.log = log;
    }

    /** Audits the flag {@code runId} of {@code plan}'s release just turned off, unless it is audited already. */
    void turnedOff(ProjectHome home, Plan plan, String runId, String environment, RunEvent.FlagTurnedOff off) {
        try {
            audit(home, plan, runId, environment, off);
        } catch (Exception e) {
            log.error(
                    "project " + home.name() + ": cannot audit flag " + off.flag() + " turned off by run " + runId
                            + "; the next sweep tries again",
                    e);
        }
    }

    /** Audits a change a person made, unless it is audited already; what a failure throws is the caller's. */
    void made(ProjectHome home, FlagEvent event) throws Exception {
        AuditAction action =
                event.change() instanceof FlagChange.Switched ? AuditAction.FLAG_SWITCHED : AuditAction.FLAG_CONFIGURED;
        audit.appendForFlagChange(event.at(), event.actor(), action, home.name(), event.sequence(), subject(event));
    }

    /**
     * Audits every flag change of the project that has no entry yet, after a stop or a failed append: those people
     * made, and those runs made when they turned the release's flags off.
     */
    void catchUp(ProjectHome home) {
        try {
            Set<Long> audited = audit.auditedFlagChanges(home.name());
            for (FlagEvent change : new FlagStates(home.store()).changes()) {
                if (change.run().isEmpty() && !audited.contains(change.sequence())) made(home, change);
            }
            RunLog runs = new RunLog(home.store());
            for (RunLog.TurnedOff off : runs.flagsTurnedOff()) {
                if (audited.contains(off.event().change())) continue;
                List<RunLog.Logged> events =
                        runs.runs(off.version(), off.environment()).getOrDefault(off.runId(), List.of());
                if (events.isEmpty() || !(events.get(0).event() instanceof RunEvent.Started started)) {
                    log.say("project " + home.name() + ": flag " + off.event().flag() + " was turned off by run "
                            + off.runId() + ", whose start is not in the records: it cannot be audited");
                    continue;
                }
                // The run turned the flag off as the plan of its own commit ties it to the release.
                audit(home, home.planAt(started.commit()), off.runId(), off.environment(), off.event());
            }
        } catch (Exception e) {
            log.error("project " + home.name() + ": cannot audit the flags its runs turned off", e);
        }
    }

    private void audit(ProjectHome home, Plan plan, String runId, String environment, RunEvent.FlagTurnedOff off)
            throws Exception {
        Optional<FlagEvent> change = new FlagStates(home.store())
                .history(plan, off.flag(), Optional.of(environment)).stream()
                        .filter(e -> e.sequence() == off.change())
                        .findFirst();
        if (change.isEmpty()) {
            throw new IllegalStateException("run " + runId + " recorded flag change " + off.change() + " of "
                    + off.flag() + " in " + environment + ", which the records do not hold");
        }
        FlagEvent event = change.get();
        String actor = event.actor().isBlank() ? GANTRY : event.actor();
        audit.appendForFlagChange(
                event.at(), actor, AuditAction.FLAG_SWITCHED, home.name(), event.sequence(), subject(runId, event));
    }

    /** How the audit log names a change a person made: the flag, what became of it, the environment and why. */
    static String subject(FlagEvent event) {
        String what;
        if (event.change() instanceof FlagChange.Switched s) {
            what = (s.on() ? "turned on" : "turned off") + " in " + event.environment();
        } else {
            FlagChange.Configured c = (FlagChange.Configured) event.change();
            what = "configured in " + event.environment() + " ("
                    + count(c.settings().strategies().size(), "strategy", "strategies") + ", "
                    + count(c.settings().variants().size(), "variant", "variants") + ", "
                    + count(c.settings().dependencies().size(), "dependency", "dependencies") + ")";
        }
        return "flag " + event.flag() + " " + what + ": " + event.reason();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The flag, the environment, the run, the change and why, cut to what the log keeps. */
    static String subject(String runId, FlagEvent event) {
        String subject = "flag " + event.flag() + " turned off in " + event.environment() + " by run " + runId
                + " (flag change " + event.sequence() + "): " + event.reason();
        if (subject.length() <= SUBJECT) return subject;
        int end = SUBJECT - 1;
        if (Character.isHighSurrogate(subject.charAt(end - 1))) end--;
        return subject.substring(0, end) + "…";
    }
}
