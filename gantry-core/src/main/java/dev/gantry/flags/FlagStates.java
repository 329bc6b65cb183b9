package dev.gantry.flags;

import dev.gantry.binding.Suggestions;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.state.Dependency;
import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.flags.sdk.state.Segment;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Flag;
import dev.gantry.plan.FlagType;
import dev.gantry.plan.Plan;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import dev.gantry.text.PersonText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of the plan's flags in each environment, kept by Gantry: the use-case behind {@code gantry flags list,
 * on, off, set, history, export}. Every change is an event in the store with who, when and why; the state is the
 * plan's declarations with those changes applied, oldest first. Works on any {@link Store}.
 */
public final class FlagStates {

    private final FlagLog log;

    public FlagStates(Store store) {
        this.log = new FlagLog(store);
    }

    /** Every flag the plan declares, as it stands in {@code environment}, in the plan's order. */
    public List<KeptFlag> in(Plan plan, String environment) throws FlagRefused, StoreException {
        checkEnvironment(plan, environment);
        return fold(plan, environment, log.all());
    }

    /** One declared flag as it stands in {@code environment}. */
    public KeptFlag flag(Plan plan, String environment, String flag) throws FlagRefused, StoreException {
        declared(plan, flag);
        return in(plan, environment).stream()
                .filter(k -> k.name().equals(flag))
                .findFirst()
                .orElseThrow();
    }

    /** The state of {@code environment} as Unleash's {@code GET /api/client/features} answers it. */
    public FlagState export(Plan plan, String environment) throws FlagRefused, StoreException {
        List<KeptFlag> flags = in(plan, environment);
        Map<Integer, Segment> segments = new LinkedHashMap<>();
        for (KeptFlag flag : flags) flag.segments().forEach(s -> segments.putIfAbsent(s.id(), s));
        return new FlagState(
                2,
                flags.stream().map(KeptFlag::feature).toList(),
                List.copyOf(segments.values()),
                Optional.of(environment));
    }

    /**
     * Turns a declared flag on or off in {@code environment}.
     *
     * @return the change recorded; empty when the flag was already so, and nothing was recorded
     */
    public Optional<FlagEvent> turn(
            Plan plan, String environment, String flag, boolean on, String actor, String reason, Instant at)
            throws FlagRefused, StoreException {
        requireReason(reason);
        KeptFlag kept = flag(plan, environment, flag);
        if (kept.on() == on) return Optional.empty();
        return Optional.of(log.append(at, environment, flag, actor, reason, new FlagChange.Switched(on), null));
    }

    /**
     * Replaces a declared flag's strategies, variants and dependencies with those of {@code json}: one feature in
     * Unleash's shape, or a client features document holding that one feature and its segments.
     *
     * @param source the file's name, that errors start with
     */
    public FlagEvent configure(
            Plan plan,
            String environment,
            String flag,
            String json,
            String source,
            String actor,
            String reason,
            Instant at)
            throws FlagRefused, StoreException {
        requireReason(reason);
        flag(plan, environment, flag);
        FlagState read;
        try {
            read = StateReader.readFeature(json);
        } catch (InvalidJson e) {
            throw new FlagRefused(source + ":" + e.getMessage());
        }
        Feature settings = read.features().get(0);
        if (!settings.name().equals(flag)) {
            throw new FlagRefused(
                    source + ": name: the file configures \"" + settings.name() + "\", not \"" + flag + "\"");
        }
        checkDependencies(plan, source, flag, settings.dependencies());
        checkNoCycle(plan, environment, source, flag, settings.dependencies());
        checkSegments(plan, environment, flag, source, read.segments());
        return log.append(
                at, environment, flag, actor, reason, new FlagChange.Configured(settings, read.segments()), null);
    }

    /**
     * Turns {@code flag} off in {@code environment} for a rollback, once however often it is asked: when a change of
     * {@code run} already turned it off, that change is the answer, and nothing is written again.
     *
     * @return the change of {@code run} that turned the flag off; empty when it was off without the run
     */
    public Optional<FlagEvent> turnOffFor(
            Plan plan, String environment, String flag, String run, String actor, String reason, Instant at)
            throws FlagRefused, StoreException {
        List<FlagEvent> all = log.all();
        Optional<FlagEvent> done = all.stream()
                .filter(e -> e.environment().equals(environment)
                        && e.flag().equals(flag)
                        && e.run().filter(run::equals).isPresent()
                        && e.change() instanceof FlagChange.Switched s
                        && !s.on())
                .findFirst();
        if (done.isPresent()) return done;
        declared(plan, flag);
        checkEnvironment(plan, environment);
        boolean on = fold(plan, environment, all).stream()
                .filter(k -> k.name().equals(flag))
                .findFirst()
                .orElseThrow()
                .on();
        if (!on) return Optional.empty();
        return Optional.of(log.append(at, environment, flag, actor, reason, new FlagChange.Switched(false), run));
    }

    /** Every change of every flag in every environment, declared or not, oldest first. */
    public List<FlagEvent> changes() throws StoreException {
        return log.all();
    }

    /** Every change of a declared flag, oldest first; in one environment when given. */
    public List<FlagEvent> history(Plan plan, String flag, Optional<String> environment)
            throws FlagRefused, StoreException {
        declared(plan, flag);
        if (environment.isPresent()) checkEnvironment(plan, environment.get());
        return log.all().stream()
                .filter(e -> e.flag().equals(flag))
                .filter(e -> environment.isEmpty() || environment.get().equals(e.environment()))
                .toList();
    }

    private static List<KeptFlag> fold(Plan plan, String environment, List<FlagEvent> events) {
        Map<String, KeptFlag> kept = new LinkedHashMap<>();
        for (Flag flag : plan.flags()) {
            Feature start = new Feature(
                    flag.name(), Optional.of(typeName(flag.type())), flag.enabled(), List.of(), List.of(), List.of());
            kept.put(flag.name(), new KeptFlag(flag, start, List.of(), Optional.empty()));
        }
        for (FlagEvent event : events) {
            KeptFlag flag = kept.get(event.flag());
            // A change of a flag the plan no longer declares stays in the log, and counts for nothing.
            if (flag == null || !event.environment().equals(environment)) continue;
            Feature f = flag.feature();
            if (event.change() instanceof FlagChange.Switched s) {
                kept.put(
                        f.name(),
                        new KeptFlag(
                                flag.declared(),
                                new Feature(f.name(), f.type(), s.on(), f.strategies(), f.variants(), f.dependencies()),
                                flag.segments(),
                                Optional.of(event)));
            } else if (event.change() instanceof FlagChange.Configured c) {
                Feature s = c.settings();
                kept.put(
                        f.name(),
                        new KeptFlag(
                                flag.declared(),
                                new Feature(
                                        f.name(),
                                        f.type(),
                                        f.enabled(),
                                        s.strategies(),
                                        s.variants(),
                                        s.dependencies()),
                                c.segments(),
                                Optional.of(event)));
            }
        }
        return List.copyOf(kept.values());
    }

    /** The plan's flag type as Unleash names its flag types. */
    static String typeName(FlagType type) {
        return type.name().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /**
     * Refuses a reason {@link PersonText} refuses, before anything is written: every change keeps one, shown in its
     * history and in the server's audit log, where it must fit and read as what it is.
     */
    private static void requireReason(String reason) throws FlagRefused {
        Optional<String> refused = PersonText.refusal("reason", reason, true);
        if (refused.isPresent()) throw new FlagRefused(refused.get());
    }

    private static Flag declared(Plan plan, String name) throws FlagRefused {
        for (Flag flag : plan.flags()) {
            if (flag.name().equals(name)) return flag;
        }
        List<String> names = plan.flags().stream().map(Flag::name).toList();
        if (names.isEmpty()) {
            throw new FlagRefused("flag \"" + name + "\" is not declared in the plan, which declares no flags: add it"
                    + " under flags: in gantry.yaml");
        }
        String near = Suggestions.closest(name, names)
                .map(n -> "did you mean \"" + n + "\"? ")
                .orElse("");
        throw new FlagRefused("flag \"" + name + "\" is not declared in the plan; " + near + "the plan declares: "
                + String.join(", ", names));
    }

    private static void checkEnvironment(Plan plan, String environment) throws FlagRefused {
        if (plan.environment(environment).isPresent()) return;
        List<String> names = plan.environments().stream().map(Environment::name).toList();
        throw new FlagRefused("unknown environment \"" + environment + "\"; the plan has: " + String.join(", ", names));
    }

    private static void checkDependencies(Plan plan, String source, String flag, List<Dependency> dependencies)
            throws FlagRefused {
        for (int i = 0; i < dependencies.size(); i++) {
            String parent = dependencies.get(i).feature();
            String place = source + ": dependencies[" + i + "].feature: ";
            if (parent.equals(flag)) throw new FlagRefused(place + "a flag cannot depend on itself");
            try {
                declared(plan, parent);
            } catch (FlagRefused e) {
                throw new FlagRefused(place + e.getMessage());
            }
        }
    }

    /**
     * Refuses dependencies that would lead back to {@code flag} through the environment's other flags: Unleash leaves
     * such a flag off for everyone, which nobody means to configure.
     */
    private void checkNoCycle(Plan plan, String environment, String source, String flag, List<Dependency> dependencies)
            throws FlagRefused, StoreException {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (KeptFlag kept : in(plan, environment)) {
            parents.put(
                    kept.name(),
                    kept.feature().dependencies().stream()
                            .map(Dependency::feature)
                            .toList());
        }
        parents.put(flag, dependencies.stream().map(Dependency::feature).toList());
        for (int i = 0; i < dependencies.size(); i++) {
            Optional<List<String>> back =
                    pathTo(flag, dependencies.get(i).feature(), parents, new ArrayList<>(), new HashSet<>());
            if (back.isPresent()) {
                throw new FlagRefused(source + ": dependencies[" + i + "].feature: a dependency cycle in " + environment
                        + ": " + flag + " → " + String.join(" → ", back.get()));
            }
        }
    }

    /** The flags from {@code from} up its parents to {@code target}, when it is among them; each looked at once. */
    private static Optional<List<String>> pathTo(
            String target, String from, Map<String, List<String>> parents, List<String> path, Set<String> seen) {
        if (!seen.add(from)) return Optional.empty();
        path.add(from);
        if (from.equals(target)) return Optional.of(List.copyOf(path));
        for (String parent : parents.getOrDefault(from, List.of())) {
            Optional<List<String>> found = pathTo(target, parent, parents, path, seen);
            if (found.isPresent()) return found;
        }
        path.remove(path.size() - 1);
        return Optional.empty();
    }

    /** Segments are shared by id across an environment's flags, as Unleash serves them: one id, one definition. */
    private void checkSegments(Plan plan, String environment, String flag, String source, List<Segment> segments)
            throws FlagRefused, StoreException {
        List<KeptFlag> others = new ArrayList<>(in(plan, environment));
        others.removeIf(k -> k.name().equals(flag));
        for (Segment segment : segments) {
            for (KeptFlag other : others) {
                for (Segment theirs : other.segments()) {
                    if (theirs.id() == segment.id() && !theirs.equals(segment)) {
                        throw new FlagRefused(source + ": segments: segment " + segment.id() + " is defined"
                                + " differently by flag \"" + other.name() + "\" in " + environment
                                + "; give it the same constraints or another id");
                    }
                }
            }
        }
    }
}
