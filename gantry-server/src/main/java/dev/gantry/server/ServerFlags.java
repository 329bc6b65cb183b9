package dev.gantry.server;

import dev.gantry.flags.FlagChange;
import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.KeptFlag;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The flags of a project's plan as the server keeps them, through the core's {@link FlagStates} on the project's
 * records and the plan of its clone: every change is also an entry of the audit log, and {@code changed} is told
 * the project's name once the change is recorded, so that whoever follows the project's flags hears of it at once.
 */
final class ServerFlags {

    private final AuditLog audit;
    private final Clock clock;
    private final Consumer<String> changed;

    ServerFlags(AuditLog audit, Clock clock, Consumer<String> changed) {
        this.audit = audit;
        this.clock = clock;
        this.changed = changed;
    }

    /** Every declared flag in {@code environment}, or in every environment of the plan when empty, in its order. */
    List<Kept> in(ProjectHome home, Optional<String> environment) throws Exception {
        Plan plan = ApiHandlers.plan(home);
        FlagStates states = new FlagStates(home.store());
        List<String> environments = environment.isPresent()
                ? List.of(environment.get())
                : plan.environments().stream().map(Environment::name).toList();
        List<Kept> kept = new ArrayList<>();
        for (String env : environments) {
            for (KeptFlag flag : states.in(plan, env)) kept.add(new Kept(env, flag));
        }
        return kept;
    }

    /** A declared flag as it stands in one environment. */
    KeptFlag flag(ProjectHome home, String environment, String flag) throws Exception {
        return new FlagStates(home.store()).flag(ApiHandlers.plan(home), environment, flag);
    }

    List<FlagEvent> history(ProjectHome home, String flag, Optional<String> environment) throws Exception {
        return new FlagStates(home.store()).history(ApiHandlers.plan(home), flag, environment);
    }

    FlagState export(ProjectHome home, String environment) throws Exception {
        return new FlagStates(home.store()).export(ApiHandlers.plan(home), environment);
    }

    /**
     * Turns a flag on or off as {@code person}.
     *
     * @return the change recorded and audited; empty when the flag already was so
     * @throws FlagRefused for an unknown flag or environment, or no reason
     */
    Optional<FlagEvent> turn(
            ProjectHome home, String environment, String flag, boolean on, String person, String reason)
            throws Exception {
        ApiHandlers.audited(audit);
        Plan plan = ApiHandlers.plan(home);
        Optional<FlagEvent> event;
        // One change at a time per project: two people turning one flag on both find it off otherwise.
        synchronized (home) {
            event = new FlagStates(home.store()).turn(plan, environment, flag, on, person, reason, clock.instant());
        }
        if (event.isPresent()) recorded(home, event.get(), AuditAction.FLAG_SWITCHED);
        return event;
    }

    /**
     * Replaces a flag's strategies, variants and dependencies with those of {@code json}, as {@code person}.
     *
     * @param source what errors in {@code json} name as its place
     * @throws FlagRefused for an unknown flag or environment, no reason, or settings that cannot be taken
     */
    FlagEvent configure(
            ProjectHome home, String environment, String flag, String json, String source, String person, String reason)
            throws Exception {
        ApiHandlers.audited(audit);
        Plan plan = ApiHandlers.plan(home);
        FlagEvent event;
        synchronized (home) {
            event = new FlagStates(home.store())
                    .configure(plan, environment, flag, json, source, person, reason, clock.instant());
        }
        recorded(home, event, AuditAction.FLAG_CONFIGURED);
        return event;
    }

    private void recorded(ProjectHome home, FlagEvent event, AuditAction action) throws Exception {
        // The change is in the project's records: its followers hear of it before, and whether or not, the audit
        // log takes it.
        changed.accept(home.name());
        audit.append(event.at(), event.actor(), action, home.name(), subject(event));
    }

    /** How the audit log names a change: the flag, what became of it, the environment and why. */
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

    /** A flag as it stands in one environment. */
    record Kept(String environment, KeptFlag flag) {}
}
