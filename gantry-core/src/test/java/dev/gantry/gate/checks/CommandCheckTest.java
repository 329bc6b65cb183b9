package dev.gantry.gate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.plan.Plan;
import dev.gantry.testing.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command check running real programs through sh. */
class CommandCheckTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private CheckContext context;

    @BeforeEach
    void context() {
        context = RemoteChecksContext.in(dir).build();
    }

    private static CommandCheck sh(String script) {
        return new CommandCheck(List.of("sh", "-c", script), MINUTE, 0, null);
    }

    @Test
    void aProgramExitingWithZeroIsMet() {
        CheckResult result = sh("exit 0").evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("sh -c 'exit 0' exited 0");
        assertThat(result.details()).isEmpty();
        assertThat(result.facts()).containsEntry("exitCode", 0).containsEntry("stdoutBytes", 0L);
    }

    @Test
    void anotherExitCodeIsUnmetWithTheProgramsLastWords() {
        CheckResult result = sh("echo checking; echo 'migration 42 is missing' >&2; echo '' >&2; exit 3")
                .evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("sh -c \"echo checking; echo 'migration 42 is missing' >&2; echo '' >&2; exit 3\""
                        + " exited 3, expected 0: migration 42 is missing");
        assertThat(result.details())
                .containsExactly("stdout (1 line):", "checking", "stderr (2 lines):", "migration 42 is missing", "");
        assertThat(result.facts())
                .containsEntry("exitCode", 3)
                .containsEntry("stdoutBytes", 9L)
                .containsEntry("stderrBytes", 25L);
    }

    @Test
    void theExpectedExitCodeNeedNotBeZero() {
        CommandCheck check = new CommandCheck(List.of("sh", "-c", "exit 3"), MINUTE, 3, null);
        assertThat(check.evaluate(context).status()).isEqualTo(Status.MET);
        assertThat(new CommandCheck(List.of("sh", "-c", "exit 0"), MINUTE, 3, null)
                        .evaluate(context)
                        .evidence())
                .isEqualTo("sh -c 'exit 0' exited 0, expected 3");
    }

    @Test
    void theProgramLearnsTheReleaseFromItsEnvironment() {
        CheckResult result = sh("echo \"$GANTRY_VERSION $GANTRY_TAG $GANTRY_ENVIRONMENT $GANTRY_COMMIT\"")
                .evaluate(context);
        assertThat(result.details())
                .containsExactly("stdout (1 line):", "1.4.0 v1.4.0 production " + RemoteChecksContext.COMMIT);
    }

    @Test
    void theContextsVariablesAreInTheEnvironmentToo() {
        CheckContext withRegion = RemoteChecksContext.in(dir)
                .variables(Map.of("DEPLOY_REGION", "eu-west"))
                .build();
        assertThat(sh("echo \"$DEPLOY_REGION\"").evaluate(withRegion).details())
                .containsExactly("stdout (1 line):", "eu-west");
    }

    @Test
    void eachArgumentIsExpandedAndPassedAsItIs() {
        CommandCheck check = new CommandCheck(
                List.of("sh", "-c", "printf '%s|' \"$@\"", "sh", "{environment} {version}", "{tag}", ""),
                MINUTE,
                0,
                null);
        CheckResult result = check.evaluate(context);
        assertThat(result.details()).containsExactly("stdout (1 line):", "production 1.4.0|v1.4.0||");
        assertThat(result.evidence())
                .isEqualTo("sh -c \"printf '%s|' \\\"$@\\\"\" sh 'production 1.4.0' v1.4.0 '' exited 0");
    }

    @Test
    void oneStringIsSplitOnWhitespace() {
        CommandCheck check = new CommandCheck(List.of("  sh -c\t'exit'  "), MINUTE, 0, null);
        assertThat(check.run()).containsExactly("sh", "-c", "'exit'");
        assertThat(check.evaluate(context).status()).isEqualTo(Status.MET);
    }

    @Test
    void itRunsInTheGivenFolderOfTheRepository() throws Exception {
        Files.createDirectories(dir.resolve("services/api"));
        Files.writeString(dir.resolve("services/api/marker.txt"), "here");
        Files.writeString(dir.resolve("top.txt"), "top");
        assertThat(new CommandCheck(List.of("ls"), MINUTE, 0, "services/api")
                        .evaluate(context)
                        .details())
                .containsExactly("stdout (1 line):", "marker.txt");
        assertThat(new CommandCheck(List.of("ls"), MINUTE, 0, null)
                        .evaluate(context)
                        .details())
                .containsExactly("stdout (2 lines):", "services", "top.txt");
    }

    @Test
    void aMissingFolderIsAnError() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        CheckResult missing = new CommandCheck(List.of("ls"), MINUTE, 0, "build/{version}").evaluate(context);
        assertThat(missing.status()).isEqualTo(Status.ERROR);
        assertThat(missing.evidence()).isEqualTo("cannot run ls: working directory build/1.4.0 does not exist");
        assertThat(new CommandCheck(List.of("ls"), MINUTE, 0, "notes.txt")
                        .evaluate(context)
                        .evidence())
                .isEqualTo("cannot run ls: working directory notes.txt is not a folder");
    }

    @Test
    void aProgramThatDoesNotExistIsAnErrorNamingIt() {
        CheckResult result =
                new CommandCheck(List.of("./scripts/check-migrations.sh"), MINUTE, 0, null).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("cannot start ./scripts/check-migrations.sh: no such file or directory");
    }

    @Test
    void aScriptThatIsNotExecutableIsAnError() throws Exception {
        Path script = Files.createDirectories(dir.resolve("scripts")).resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        CheckResult result = new CommandCheck(List.of("./scripts/check.sh"), MINUTE, 0, null).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("cannot start ./scripts/check.sh: permission denied");
    }

    @Test
    void aScriptOfTheRepositoryRunsWithItsArguments() throws Exception {
        Path script = Files.createDirectories(dir.resolve("scripts")).resolve("check-migrations.sh");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = --env ] && [ \"$2\" = production ] || exit 2\necho ok\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        CommandCheck check =
                new CommandCheck(List.of("./scripts/check-migrations.sh", "--env", "{environment}"), MINUTE, 0, null);
        CheckResult result = check.evaluate(context);
        assertThat(result.evidence()).isEqualTo("./scripts/check-migrations.sh --env production exited 0");
        assertThat(result.details()).containsExactly("stdout (1 line):", "ok");
    }

    @Test
    void onlyTheLastTwentyLinesOfEachStreamAreKept() {
        CheckResult result = sh("i=1; while [ $i -le 100 ]; do echo \"line $i\"; echo \"warning $i\" >&2;"
                        + " i=$((i+1)); done; printf 'no newline'")
                .evaluate(context);
        List<String> expected = new ArrayList<>();
        expected.add("stdout (last 20 of 101 lines):");
        IntStream.rangeClosed(82, 100).forEach(i -> expected.add("line " + i));
        expected.add("no newline");
        expected.add("stderr (last 20 of 100 lines):");
        IntStream.rangeClosed(81, 100).forEach(i -> expected.add("warning " + i));
        assertThat(result.details()).containsExactlyElementsOf(expected);
        long stdout = IntStream.rangeClosed(1, 100)
                        .map(i -> ("line " + i + "\n").length())
                        .sum()
                + 10;
        long stderr = IntStream.rangeClosed(1, 100)
                .map(i -> ("warning " + i + "\n").length())
                .sum();
        assertThat(result.facts()).containsEntry("stdoutBytes", stdout).containsEntry("stderrBytes", stderr);
    }

    @Test
    void aChattyProgramOnBothStreamsNeverBlocks() {
        // Far more than a pipe holds, on both streams at once: read one after the other, the program would stall.
        CheckResult result = sh("yes out | head -n 300000 & yes error | head -n 300000 >&2; wait")
                .evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.facts()).containsEntry("stdoutBytes", 300000L * 4).containsEntry("stderrBytes", 300000L * 6);
        assertThat(result.details()).contains("stdout (last 20 of 300000 lines):", "stderr (last 20 of 300000 lines):");
    }

    @Test
    void veryLongLinesAreCut() {
        CheckResult result = sh("head -c 100000 /dev/zero | tr '\\0' x").evaluate(context);
        assertThat(result.facts()).containsEntry("stdoutBytes", 100000L);
        assertThat(result.details()).hasSize(2);
        assertThat(result.details().get(1)).hasSize(501).endsWith("x…");
    }

    @Test
    void aLineCutInsideACharacterLosesTheHalfCharacter() {
        // One byte, then two-byte characters: the cut at 500 bytes falls inside the 250th of them.
        CheckResult result = sh("printf x; i=0; while [ $i -lt 400 ]; do printf '\\303\\251'; i=$((i+1)); done")
                .evaluate(context);
        assertThat(result.facts()).containsEntry("stdoutBytes", 801L);
        assertThat(result.details()).containsExactly("stdout (1 line):", "x" + "é".repeat(249) + "…");
    }

    @Test
    void theProgramGetsNoInput() {
        // With its input left open, cat would wait for it until the timeout.
        assertThat(sh("cat").evaluate(context).status()).isEqualTo(Status.MET);
    }

    @Test
    void aProgramOutlivingItsTimeoutIsStoppedWithEveryProcessItStarted() {
        CommandCheck check = new CommandCheck(
                List.of("sh", "-c", "sleep 30 & echo \"sleeping as $!\"; wait"), Duration.ofSeconds(1), 0, null);
        CheckResult result = check.evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("sh -c 'sleep 30 & echo \"sleeping as $!\"; wait' timed out after 1s;"
                        + " stopped it and 1 process it started");
        assertThat(result.details()).hasSize(2).first().isEqualTo("stdout (1 line):");
        Matcher pid =
                Pattern.compile("sleeping as (\\d+)").matcher(result.details().get(1));
        assertThat(pid.matches()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(result.facts()).doesNotContainKey("exitCode");
    }

    @Test
    void aProgramWithoutChildrenIsStoppedAtItsTimeout() {
        CheckResult result = new CommandCheck(List.of("sleep", "30"), Duration.ofSeconds(1), 0, null).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("sleep 30 timed out after 1s; stopped it");
    }

    @Test
    void aBackgroundProcessHoldingTheOutputDoesNotHideTheExitCode() {
        CheckResult result = new CommandCheck(
                        List.of("sh", "-c", "sleep 30 & echo \"left $!\""), Duration.ofSeconds(1), 0, null)
                .evaluate(context);
        Matcher pid = Pattern.compile("left (\\d+)").matcher(String.join("\n", result.details()));
        try {
            assertThat(result.status()).isEqualTo(Status.MET);
            assertThat(result.evidence()).isEqualTo("sh -c 'sleep 30 & echo \"left $!\"' exited 0");
            assertThat(pid.find()).isTrue();
        } finally {
            if (pid.find(0)) ProcessHandle.of(Long.parseLong(pid.group(1))).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> new CommandCheck(List.of(), null, 0, null))
                .hasMessage("expected a program and its arguments such as [./scripts/check.sh, --env,"
                        + " \"{environment}\"], got nothing");
        assertThatThrownBy(() -> new CommandCheck(List.of("", "x"), null, 0, null))
                .hasMessage("expected a program and its arguments such as [./scripts/check.sh, --env,"
                        + " \"{environment}\"], got \"\" as the program");
        assertThatThrownBy(() -> new CommandCheck(List.of("ls"), Duration.ZERO, 0, null))
                .hasMessage("expected a duration longer than zero such as 30s, got \"0s\"");
        assertThatThrownBy(() -> new CommandCheck(List.of("ls"), null, 256, null))
                .hasMessage("expected an exit code from 0 to 255, got 256");
        assertThatThrownBy(() -> new CommandCheck(List.of("ls"), null, 0, " "))
                .hasMessage("expected a folder such as services/api, got \" \"");
        assertThat(new CommandCheck(List.of("ls"), null, 0, null).timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void describeSaysWhatRunsAndWhatItMustExitWith() {
        assertThat(new CommandCheck(List.of("./scripts/check-migrations.sh", "--env", "{environment}"), null, 0, null)
                        .describe())
                .isEqualTo("./scripts/check-migrations.sh --env {environment} exits 0");
        assertThat(new CommandCheck(List.of("make", "verify"), null, 2, "services/api").describe())
                .isEqualTo("make verify exits 2 in services/api");
    }

    @Test
    void thePlanFileDeclaresIt() throws Exception {
        Plan plan = load(
                """
                criteria:
                  - id: DEP-020
                    title: Migrations are applied
                    check:
                      type: command
                      run: [./scripts/check-migrations.sh, --env, "{environment}"]
                      timeout: 5m
                  - id: DEP-021
                    title: Contract tests
                    check: { type: command, run: "make contract-test", expectExit: 0, dir: services/api }
                """);
        assertThat(plan.criteria().get(0).check())
                .isEqualTo(new CommandCheck(
                        List.of("./scripts/check-migrations.sh", "--env", "{environment}"),
                        Duration.ofMinutes(5),
                        0,
                        null));
        assertThat(plan.criteria().get(1).check())
                .isEqualTo(new CommandCheck(List.of("make", "contract-test"), null, 0, "services/api"));
    }

    @Test
    void badSettingsArePlanErrorsWithTheirPosition() throws Exception {
        assertThat(
                        errors(
                                """
                        criteria:
                          - id: DEP-020
                            title: No program
                            check: { type: command, run: "" }
                          - id: DEP-021
                            title: Bad timeout
                            check: { type: command, run: [make], timeout: 0s, expectExit: 300 }
                          - id: DEP-022
                            title: Nothing to run
                            check: { type: command }
                        """))
                .containsExactly(
                        "gantry.yaml:4:34: criteria[0].check.run: expected a program and its arguments such as"
                                + " [./scripts/check.sh, --env, \"{environment}\"], got nothing",
                        "gantry.yaml:7:51: criteria[1].check.timeout: expected a duration longer than zero such as"
                                + " 30s, got \"0s\"",
                        "gantry.yaml:10:12: criteria[2].check: missing required key \"run\"");
    }

    private Plan load(String yaml) throws Exception {
        return PlanText.load(dir, yaml);
    }

    private List<String> errors(String yaml) throws Exception {
        return PlanText.errors(dir, yaml);
    }
}
