package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.PlugIns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan files written to break Gantry: each is refused with an error that says where and why. */
class PlanFileBoundsTest {

    @TempDir
    Path dir;

    private Path plan(byte[] content) throws IOException {
        Path file = dir.resolve("gantry.yaml");
        Files.write(file, content);
        return file;
    }

    private static List<String> errors(Path file) {
        try {
            PlanFile.load(file, true, PlugIns.registries());
        } catch (PlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected plan errors");
    }

    @Test
    void aLineNestedTwoThousandDeepIsAPlanErrorWhereItGoesTooDeep() throws Exception {
        // The plan's top mapping is the first level, so the 64th bracket opens the 65th.
        String line = "project: " + "[".repeat(2000) + "]".repeat(2000) + "\n";
        assertThat(errors(plan(("# a comment\n" + line).getBytes(StandardCharsets.UTF_8))))
                .containsExactly("gantry.yaml:2:73: invalid YAML: nested deeper than 64 levels");
    }

    @Test
    void deepBlockNestingIsAPlanErrorToo() throws Exception {
        StringBuilder yaml = new StringBuilder("project:\n");
        for (int i = 1; i <= 100; i++)
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        assertThat(errors(plan(yaml.toString().getBytes(StandardCharsets.UTF_8))))
                .containsExactly("gantry.yaml:65:129: invalid YAML: nested deeper than 64 levels");
    }

    @Test
    void nestingAPlanNeedsIsFine() throws Exception {
        String list = "[".repeat(20) + "]".repeat(20);
        assertThat(errors(plan(("project: shop\nlabels: " + list + "\n").getBytes(StandardCharsets.UTF_8))))
                .allSatisfy(error -> assertThat(error).doesNotContain("nested deeper"));
    }

    @Test
    void aNulByteIsReportedAtItsLineAndColumn() throws Exception {
        Path file = plan("project: shop\nversioning:\n  channel: r\0c\n".getBytes(StandardCharsets.UTF_8));
        assertThat(errors(file))
                .containsExactly("gantry.yaml:3:13: invalid YAML: the character U+0000 cannot be in a YAML file");
    }

    @Test
    void anFfByteIsReportedAtItsLineAndColumn() throws Exception {
        byte[] bytes = "project: shöp\nversioning:\n  channel: rc?\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xFF;
        assertThat(errors(plan(bytes)))
                .containsExactly("gantry.yaml:3:14: the file is not UTF-8 text: invalid byte 0xFF");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("gantry.yaml");
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        // Opening the FIFO would wait for a writer forever: the test would hang rather than fail.
        assertThatThrownBy(() -> PlanFile.load(fifo, true, PlugIns.registries()))
                .isInstanceOf(IOException.class)
                .hasMessage("plan file " + fifo
                        + " is a FIFO (named pipe), expected a YAML file; refused without opening it");
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assertThatThrownBy(() -> PlanFile.load(zero, true, PlugIns.registries()))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "plan file /dev/zero is a character device, expected a YAML file; refused without opening it");
    }

    @Test
    void aFolderIsRefused() {
        assertThatThrownBy(() -> PlanFile.load(dir, true, PlugIns.registries()))
                .isInstanceOf(IOException.class)
                .hasMessage("plan file " + dir + " is a folder, expected a YAML file");
    }

    @Test
    void aSymlinkToADeviceIsRefusedByWhatItLeadsTo() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("gantry.yaml"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> PlanFile.load(link, true, PlugIns.registries()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is a character device");
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeItIsRead() throws Exception {
        byte[] big = new byte[(int) PlanFile.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        Path file = plan(big);
        assertThatThrownBy(() -> PlanFile.load(file, true, PlugIns.registries()))
                .isInstanceOf(IOException.class)
                .hasMessage("plan file " + file + " has 1048577 bytes, more than the 1 MiB a plan file may have");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws Exception {
        byte[] comment = new byte[(int) PlanFile.MAX_BYTES];
        java.util.Arrays.fill(comment, (byte) '#');
        byte[] start = "project: shop\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, comment, 0, start.length);
        assertThat(PlanFile.load(plan(comment), true, PlugIns.registries()).project())
                .isEqualTo("shop");
    }

    @Test
    void manyAliasesOfAListAreAPlanErrorAtTheOneTooMany() throws Exception {
        StringBuilder yaml = new StringBuilder("x: &a [lol, lol]\nlabels: [");
        for (int i = 0; i < 60; i++) yaml.append(i == 0 ? "" : ", ").append("*a");
        yaml.append("]\n");
        assertThat(errors(plan(yaml.toString().getBytes(StandardCharsets.UTF_8))))
                .containsExactly("gantry.yaml:2:210: invalid YAML: more than 50 aliases of lists and mappings");
    }

    private List<String> errors(String yaml) throws IOException {
        return errors(plan(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFreezeOfTrillionsOfDaysIsAPlanErrorNamingTheRange() throws Exception {
        assertThat(
                        errors(
                                """
                        windows:
                          freeze:
                            - { cron: "0 15 * * FRI", duration: 9999999999999d }
                            - { cron: "0 15 * * FRI", duration: 99999999999999999999999d }
                            - { cron: "0 15 * * FRI", duration: 1096d }
                        """))
                .containsExactly(
                        "gantry.yaml:3:41: windows.freeze[0].duration: expected a duration of at most 1095d (3 years),"
                                + " got \"9999999999999d\"",
                        "gantry.yaml:4:41: windows.freeze[1].duration: expected a duration of at most 1095d (3 years),"
                                + " got \"99999999999999999999999d\"",
                        "gantry.yaml:5:41: windows.freeze[2].duration: expected a duration of at most 1095d (3 years),"
                                + " got \"1096d\"");
    }

    @Test
    void aFreezeOfThreeYearsIsFoundWithoutOverflow() throws Exception {
        Plan plan = PlanFile.load(
                plan(
                        """
                        windows:
                          freeze:
                            - { cron: "0 15 * * FRI", duration: 1095d, reason: long }
                        """
                                .getBytes(StandardCharsets.UTF_8)),
                true,
                PlugIns.registries());
        java.time.Instant friday = java.time.Instant.parse("2026-03-27T15:00:00Z");
        assertThat(plan.windows().freezeAt(friday.plus(java.time.Duration.ofDays(1000))))
                .isPresent();
    }

    @Test
    void watchesLongerThanAWeekArePlanErrorsAtTheirKeys() throws Exception {
        assertThat(
                        errors(
                                """
                        rollout:
                          canary: { watch: 999999999999d }
                          rolling: { watch: 8d }
                          blueGreen: { watch: 7d1ms }
                        rollback:
                          - { id: DEP-001, metric: error_rate, query: x, threshold: "> 2%", for: 8d }
                        """))
                .containsExactly(
                        "gantry.yaml:2:20: rollout.canary.watch: expected a duration of at most 1095d (3 years),"
                                + " got \"999999999999d\"",
                        "gantry.yaml:3:21: rollout.rolling.watch: expected a watch from 0s to 7d, got \"8d\"",
                        "gantry.yaml:4:23: rollout.blueGreen.watch: expected a watch from 0s to 7d, got \"7d1ms\"",
                        "gantry.yaml:6:74: rollback[0].for: expected a breach duration from 0s to 7d, got \"8d\"");
        assertThat(
                        errors(
                                """
                        rollout:
                          blueGreen: { keepOld: 30d }
                        """))
                .containsExactly("gantry.yaml:2:25: rollout.blueGreen.keepOld: expected a time to keep the old colour"
                        + " from 0s to 7d, got \"30d\"");
        assertThat(errors("rollout:\n  baseline: 14d\n"))
                .containsExactly("gantry.yaml:2:13: rollout.baseline: expected a baseline from 0s to 7d, got \"14d\"");
    }

    @Test
    void numbersTooLargeForTheirKindArePlanErrors() throws Exception {
        assertThat(errors(
                        """
                        rollout:
                          rolling: { batches: 2000000000 }
                          canary: { steps: [5%, 100%], watch: 7d }
                        rollback:
                          - { id: DEP-001, metric: error_rate, query: x, threshold: "> NINES%", noData: 99999999999 }
                        """
                                .replace("NINES", "9".repeat(400))))
                .containsExactly(
                        "gantry.yaml:2:23: rollout.rolling.batches: expected batches from 1 to 100, got 2000000000",
                        "gantry.yaml:5:61: rollback[0].threshold: expected a threshold's number below 1.7e308, got \"> "
                                + "9".repeat(400) + "%\"",
                        "gantry.yaml:5:476: rollback[0].noData: expected a number from -2147483648 to 2147483647, got"
                                + " \"99999999999\"");
    }
}
