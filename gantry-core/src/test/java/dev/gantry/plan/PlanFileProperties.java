package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.binding.Bound;
import dev.gantry.binding.PlanException;
import dev.gantry.binding.YamlBinder;
import dev.gantry.coordinate.PlugIns;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No input makes the plan loader throw anything but its own error type, and every error has a position. */
class PlanFileProperties {

    @Property(tries = 3000)
    void anyTextBindsOrGivesPlanErrors(@ForAll("planLike") String text) {
        try {
            Bound<Plan> bound = YamlBinder.bind(Path.of("gantry.yaml"), text, Plan.class, PlugIns.registries());
            assertThat(PlanReferences.check(bound))
                    .allSatisfy(error -> assertThat(error.position().line()).isPositive());
        } catch (PlanException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.position().line()).isPositive();
                assertThat(error.position().column()).isPositive();
            });
        }
    }

    @Provide
    Arbitrary<String> planLike() {
        Arbitrary<String> piece = Arbitraries.of(
                "versioning:",
                "  tagPattern: ",
                "\"v{version}\"",
                "{version}",
                "  releaseRules:",
                "    - ",
                "{ type: build, release: patch }",
                "release: huge",
                "  zeroMajor: shift",
                "  channel: rc",
                "  initialVersion: 0.1.0",
                "components:",
                "  - { name: api, path: services/api }",
                "dependsOn: [x]",
                "changelog:",
                "  sections: { feat: Added }",
                "notes:",
                "  comingNext: [a, b]",
                "environments:",
                "  - { name: staging }",
                "  - { name: production, requires: [staging] }",
                "requires: [nowhere]",
                "criteria:",
                "  - { id: DEP-001, title: t, check: { type: junit, reports: x } }",
                "check: { type: window }",
                "check: { type: aprovals }",
                "check: { type: http, url: \"http://127.0.0.1:1/x\" }",
                "check: { type: benchmark, results: a, baseline: b, path: \"$.x\" }",
                "id: DEP-001",
                "rollback:",
                "  - { id: DEP-002, metric: error_rate, threshold: \"> 2%\", for: 5m }",
                "threshold: over",
                "validation:",
                "steps:",
                "at: lunch",
                "windows:",
                "  freeze: [{ cron: \"0 15 * * FRI\", duration: 66h, zone: Europe/Berlin }]",
                "cron: \"0 10 30 2 *\"",
                "zone: Mars/x",
                "people:",
                "  - { name: a, roles: [qa] }",
                "approvals:",
                "  minor: []",
                "flags:",
                "~",
                "null",
                "[",
                "]",
                "{",
                "}",
                ": ",
                "- ",
                "\n",
                "\n  ",
                "\t",
                "&a",
                "*a",
                "!!int",
                "'",
                "\"",
                "#",
                "? ",
                "---",
                "...",
                "é",
                "\u0000",
                "12",
                "1.5",
                "true",
                "x");
        return Arbitraries.oneOf(
                piece.list().ofMaxSize(30).map(list -> String.join("", list)),
                Arbitraries.strings().ofMaxLength(200));
    }
}
