package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.binding.Bound;
import dev.gantry.binding.PlanException;
import dev.gantry.binding.YamlBinder;
import dev.gantry.coordinate.PlugIns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * No input makes the plan loader throw anything but its own error type, and every error has a position: text
 * built from a plan's pieces, any bytes in a real file, nesting thousands deep, numbers and durations past any
 * range. Tries are bounded, so a loader that loops shows as a run that does not end.
 */
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

    @Property(tries = 200)
    void anyBytesInAFileLoadOrGivePlanErrors(@ForAll("planBytes") byte[] bytes) throws Exception {
        Path file = Files.createTempFile("gantry", ".yaml");
        try {
            Files.write(file, bytes);
            loadsOrGivesPositionedErrors(file);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 40)
    void nestingAtAnyDepthLoadsOrGivesPlanErrors(
            @ForAll @IntRange(min = 0, max = 3000) int depth, @ForAll("nestings") String kind) throws Exception {
        // Indenting grows with the square of the depth: 600 levels are already a file of 360 KB.
        int blockDepth = Math.min(depth, 600);
        String yaml =
                switch (kind) {
                    case "flow list" -> "components: " + "[".repeat(depth) + "]".repeat(depth);
                    case "flow mapping" -> "versioning: " + "{a: ".repeat(depth) + "b" + "}".repeat(depth);
                    case "block list" -> {
                        StringBuilder text = new StringBuilder("components:\n");
                        for (int i = 0; i < blockDepth; i++)
                            text.append("  ".repeat(i)).append("-\n");
                        yield text.toString();
                    }
                    default -> {
                        StringBuilder text = new StringBuilder("versioning:\n");
                        for (int i = 1; i <= blockDepth; i++)
                            text.append("  ".repeat(i)).append("k").append(":\n");
                        yield text.toString();
                    }
                };
        Path file = Files.createTempFile("gantry", ".yaml");
        try {
            Files.writeString(file, yaml);
            loadsOrGivesPositionedErrors(file);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 150)
    void numbersAndDurationsPastAnyRangeLoadOrGivePlanErrors(
            @ForAll("hugeNumbers") String number, @ForAll("hugeDurations") String duration) throws Exception {
        String yaml =
                """
                rollout:
                  strategy: canary
                  canary: { steps: [NUMBER%, 100%], watch: DURATION, cadence: DURATION }
                  rolling: { batches: NUMBER, watch: DURATION }
                  blueGreen: { watch: DURATION, keepOld: DURATION }
                  baseline: DURATION
                rollback:
                  - { id: DEP-001, metric: error_rate, query: x, threshold: "> NUMBER%", for: DURATION, noData: NUMBER }
                windows:
                  freeze: [{ cron: "0 15 * * FRI", duration: DURATION }]
                  allow: [{ cron: "0 9 * * MON-FRI", duration: DURATION }]
                environments:
                  - name: production
                    metrics: { type: prometheus, url: "http://127.0.0.1:1", timeout: DURATION }
                """
                        .replace("NUMBER", number)
                        .replace("DURATION", duration);
        Path file = Files.createTempFile("gantry", ".yaml");
        try {
            Files.writeString(file, yaml);
            Plan plan = loadsOrGivesPositionedErrors(file);
            if (plan != null) {
                // What a plan that loads is used for must not overflow either: a freeze's end, a watch's end.
                Instant at = Instant.parse("2026-03-27T15:00:00Z");
                plan.windows().freezeAt(at);
                plan.windows().nextOpen(at);
                assertThat(at.plus(plan.rollout().canary().watch())
                                .plus(plan.rollout().baseline()))
                        .isAfterOrEqualTo(at);
            }
        } finally {
            Files.delete(file);
        }
    }

    /** The plan in {@code file}, or null when it gives plan errors, each at a line and column of the file. */
    private static Plan loadsOrGivesPositionedErrors(Path file) throws IOException {
        try {
            return PlanFile.load(file, true, PlugIns.registries());
        } catch (PlanException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.position().line()).isPositive();
                assertThat(error.position().column()).isPositive();
            });
            return null;
        }
    }

    @Provide
    Arbitrary<byte[]> planBytes() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(1024);
        Arbitrary<byte[]> afterAPlan = Combinators.combine(planLike(), any).as((start, rest) -> {
            byte[] head = start.getBytes(StandardCharsets.UTF_8);
            byte[] all = Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, all, head.length, rest.length);
            return all;
        });
        return Arbitraries.oneOf(any, afterAPlan);
    }

    @Provide
    Arbitrary<String> nestings() {
        return Arbitraries.of("flow list", "flow mapping", "block list", "block mapping");
    }

    @Provide
    Arbitrary<String> hugeNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "1", "100", "101", "2147483647", "2147483648", "9223372036854775808", "1e400"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400));
    }

    @Provide
    Arbitrary<String> hugeDurations() {
        Arbitrary<String> amount = Arbitraries.oneOf(
                Arbitraries.of("0", "1", "7", "1095", "1096", "9999999999999", "9223372036854775807"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30));
        return Combinators.combine(amount, Arbitraries.of("d", "h", "m", "s", "ms", "d1ms", "h30m"))
                .as((n, unit) -> n + unit);
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
