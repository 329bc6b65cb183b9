package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.yaml.PlanException;
import dev.gantry.plan.yaml.YamlBinder;
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
            YamlBinder.bind(Path.of("gantry.yaml"), text, Plan.class);
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
