package dev.gantry.server;

import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.KeptFlag;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
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
    private final FlagAudits audits;
    private final Clock clock;
    private final Consumer<String> changed;

    ServerFlags(AuditLog audit, FlagAudits audits, Clock clock, Consumer<String> changed) {
        this.audit = audit;
        this.audits = audits;
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
        if (event.isPresent()) recorded(home, event.get());
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
        recorded(home, event);
        return event;
    }

    private void recorded(ProjectHome home, FlagEvent event) throws Exception {
        // The change is in the project's records: its followers hear of it before, and whether or not, the audit
        // log takes it; one it could not take is written by the next sweep.
        changed.accept(home.name());
        audits.made(home, event);
    }

    /** A flag as it stands in one environment. */
    record Kept(String environment, KeptFlag flag) {}
}
