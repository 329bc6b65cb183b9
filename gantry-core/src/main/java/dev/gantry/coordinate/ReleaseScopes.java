package dev.gantry.coordinate;

import dev.gantry.plan.Component;
import dev.gantry.plan.Plan;
import dev.gantry.release.ReleaseScope;
import java.util.List;
import java.util.Optional;

/** What a release covers, by the plan's components: one named, every one, or the whole repository when it has none. */
public final class ReleaseScopes {

    /** A release scope and the component it belongs to ("" for the whole repository). */
    public record Scoped(String component, ReleaseScope scope) {}

    private ReleaseScopes() {}

    /**
     * The scopes of the release of {@code ref}.
     *
     * @throws Refused when {@code component} is not one of the plan's
     */
    public static List<Scoped> of(Plan plan, Optional<String> component, String ref, boolean recompute, boolean hotfix)
            throws Refused {
        if (component.isPresent()) {
            Component c = plan.component(component.get())
                    .orElseThrow(() -> new Refused("unknown component \"" + component.get() + "\"; the plan has: "
                            + String.join(
                                    ", ",
                                    plan.components().stream()
                                            .map(Component::name)
                                            .toList())));
            return List.of(of(c, ref, recompute, hotfix));
        }
        if (plan.components().isEmpty()) {
            return List.of(new Scoped(
                    "", new ReleaseScope(ref, recompute, plan.versioning().tags(), List.of(), hotfix)));
        }
        return plan.components().stream()
                .map(c -> of(c, ref, recompute, hotfix))
                .toList();
    }

    /**
     * The one scope of a release a single run or approval is about.
     *
     * @throws Refused when the plan has several components and none was named
     */
    public static ReleaseScope single(Plan plan, Optional<String> component, String ref, boolean hotfix)
            throws Refused {
        List<Scoped> scopes = of(plan, component, ref, false, hotfix);
        if (scopes.size() > 1) throw new Refused("the plan has several components; choose one with --component");
        return scopes.get(0).scope();
    }

    private static Scoped of(Component c, String ref, boolean recompute, boolean hotfix) {
        return new Scoped(c.name(), new ReleaseScope(ref, recompute, c.tags(), List.of(c.path()), hotfix));
    }
}
