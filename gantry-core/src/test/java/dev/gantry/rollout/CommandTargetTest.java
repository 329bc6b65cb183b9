package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.Doc;
import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.binding.Registries;
import dev.gantry.binding.Required;
import dev.gantry.binding.YamlBinder;
import dev.gantry.plan.TargetSpec;
import dev.gantry.process.ProcessLedger;
import dev.gantry.rollout.TargetResult.Status;
import dev.gantry.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command target running real scripts through sh, each recording what it was asked in a file. */
class CommandTargetTest {

    /** The smallest plan part that holds a target, to bind it from YAML as the plan will. */
    record Environment(@Required @Doc("How releases reach the environment") TargetSpec target) {}

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    /** A script under the repository's {@code scripts} folder, executable, run by sh. */
    private void script(String name, String body) throws Exception {
        Path script = Files.createDirectories(dir.resolve("scripts")).resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A script that appends the action, its arguments and the idempotency key to {@code asked.log}. */
    private void recorder() throws Exception {
        script("record.sh", "printf '%s|%s|%s\\n' \"$GANTRY_ACTION\" \"$*\" \"$GANTRY_STEP_ID\" >> '" + log() + "'");
    }

    private Path log() {
        return dir.resolve("asked.log");
    }

    private List<String> asked() throws Exception {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    private TargetCall call(String stepId) {
        return new TargetCall(
                stepId,
                dir,
                "production",
                Version.parse("1.4.0"),
                Optional.of(Version.parse("1.3.2")),
                25,
                "green",
                2,
                Map.of("DEPLOY_REGION", "eu-west"),
                dir.resolve(CommandTarget.LEDGER));
    }

    private static CommandTarget deployOnly(List<String> deploy, Duration timeout, String dir) {
        return new CommandTarget(deploy, List.of(), List.of(), List.of("scripts/rollback.sh"), List.of(), timeout, dir);
    }

    @Test
    void eachActionRunsItsScriptWithThePlaceholdersReplaced() throws Exception {
        recorder();
        CommandTarget target = new CommandTarget(
                List.of("scripts/record.sh", "--env", "{environment}", "--version", "{version}"),
                List.of("scripts/record.sh", "{weight}"),
                List.of("scripts/record.sh --colour {colour}"),
                List.of("scripts/record.sh", "--rollback", "--to", "{previousVersion}"),
                List.of("scripts/record.sh", "step {step}"),
                MINUTE,
                null);
        List<TargetResult> results = List.of(
                target.deploy(call("r1/deploy")),
                target.setWeight(call("r1/weight-2")),
                target.promote(call("r1/promote")),
                target.rollback(call("r1/rollback")),
                target.status(call("r1/status")));
        assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo(Status.DONE));
        assertThat(results)
                .extracting(TargetResult::message)
                .containsExactly(
                        "deploy production: scripts/record.sh exited 0",
                        "set-weight production: scripts/record.sh exited 0",
                        "promote production: scripts/record.sh exited 0",
                        "rollback production: scripts/record.sh exited 0",
                        "status production: scripts/record.sh exited 0");
        assertThat(asked())
                .containsExactly(
                        "deploy|--env production --version 1.4.0|r1/deploy",
                        "set-weight|25|r1/weight-2",
                        "promote|--colour green|r1/promote",
                        "rollback|--rollback --to 1.3.2|r1/rollback",
                        "status|step 2|r1/status");
        assertThat(results.get(3).facts()).containsEntry("command", "scripts/record.sh --rollback --to 1.3.2");
    }

    @Test
    void theScriptFindsTheCallInItsEnvironment() throws Exception {
        script(
                "deploy.sh",
                "env | grep -E '^(GANTRY_|DEPLOY_REGION=)' | grep -v '^GANTRY_PROGRAM_RUN=' | sort\n"
                        + "echo \"mark $GANTRY_PROGRAM_RUN\"");
        TargetResult result =
                deployOnly(List.of("scripts/deploy.sh"), MINUTE, null).deploy(call("r1/deploy"));
        assertThat(result.output()).hasSize(10);
        assertThat(result.output().get(9))
                .as("the mark of this start, by which what it leaves behind is found")
                .matches("out\\| mark [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(result.output().subList(0, 9))
                .containsExactly(
                        "out| DEPLOY_REGION=eu-west",
                        "out| GANTRY_ACTION=deploy",
                        "out| GANTRY_COLOUR=green",
                        "out| GANTRY_ENVIRONMENT=production",
                        "out| GANTRY_PREVIOUS_VERSION=1.3.2",
                        "out| GANTRY_STEP=2",
                        "out| GANTRY_STEP_ID=r1/deploy",
                        "out| GANTRY_VERSION=1.4.0",
                        "out| GANTRY_WEIGHT=25");
    }

    @Test
    void theCallsValuesWinOverTheVariablesOfTheSameName() throws Exception {
        script("deploy.sh", "echo \"$GANTRY_VERSION $GANTRY_PREVIOUS_VERSION|$GANTRY_COLOUR|\"");
        TargetCall first = new TargetCall(
                "r2/deploy",
                dir,
                "staging",
                Version.parse("0.1.0"),
                Optional.empty(),
                0,
                null,
                0,
                Map.of("GANTRY_VERSION", "9.9.9", "GANTRY_COLOUR", "blue"),
                dir.resolve(CommandTarget.LEDGER));
        TargetResult result =
                deployOnly(List.of("scripts/deploy.sh"), MINUTE, null).deploy(first);
        assertThat(result.output()).containsExactly("out| 0.1.0 ||");
    }

    @Test
    void aRepeatedCallCarriesTheSameIdempotencyKey() throws Exception {
        recorder();
        CommandTarget target = deployOnly(List.of("scripts/record.sh", "{version}"), MINUTE, null);
        target.deploy(call("run-7/step-1/deploy"));
        target.deploy(call("run-7/step-1/deploy"));
        target.deploy(call("run-7/step-2/deploy"));
        assertThat(asked())
                .containsExactly(
                        "deploy|1.4.0|run-7/step-1/deploy",
                        "deploy|1.4.0|run-7/step-1/deploy",
                        "deploy|1.4.0|run-7/step-2/deploy");
    }

    @Test
    void anActionWithoutAScriptIsDoneAndRunsNothing() throws Exception {
        recorder();
        CommandTarget target = new CommandTarget(
                List.of("scripts/record.sh"), null, List.of(), List.of("scripts/record.sh"), null, null, null);
        TargetResult weight = target.setWeight(call("r1/weight"));
        assertThat(weight.status()).isEqualTo(Status.DONE);
        assertThat(weight.message()).isEqualTo("no setWeight script: nothing to do");
        assertThat(weight.output()).isEmpty();
        assertThat(target.promote(call("r1/promote")).message()).isEqualTo("no promote script: nothing to do");
        assertThat(target.status(call("r1/status")).message()).isEqualTo("no status script: nothing to do");
        assertThat(asked()).isEmpty();
    }

    @Test
    void aScriptExitingWithThreeFailsWithItsLastWords() throws Exception {
        script(
                "deploy.sh",
                "echo \"deploying $GANTRY_VERSION\"; echo 'warning: slow disk' >&2;"
                        + " echo 'database is locked' >&2; echo >&2; exit 3");
        TargetResult result = deployOnly(List.of("scripts/deploy.sh", "--version", "{version}"), MINUTE, null)
                .deploy(call("r1/deploy"));
        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).isEqualTo("deploy production: scripts/deploy.sh exited 3: database is locked");
        assertThat(result.output())
                .containsExactly("out| deploying 1.4.0", "err| warning: slow disk", "err| database is locked", "err| ");
        assertThat(result.facts())
                .containsEntry("exitCode", 3)
                .containsEntry("stdoutBytes", 16L)
                .containsEntry("stderrBytes", 39L)
                .containsEntry("command", "scripts/deploy.sh --version 1.4.0")
                .containsKey("durationMillis");
        assertThat((Long) result.facts().get("durationMillis")).isNotNegative();
    }

    @Test
    void aHangingScriptIsStoppedAtTheTimeoutWithEveryProcessItStarted() throws Exception {
        script("deploy.sh", "sleep 30 &\necho $! > '" + dir.resolve("child.pid") + "'\necho waiting\nwait");
        TargetResult result = deployOnly(List.of("scripts/deploy.sh"), Duration.ofSeconds(1), null)
                .deploy(call("r1/deploy"));
        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message())
                .isEqualTo("deploy production: scripts/deploy.sh timed out after 1s; stopped it and 1 process it"
                        + " started");
        assertThat(result.output()).containsExactly("out| waiting");
        assertThat(result.facts()).doesNotContainKey("exitCode").containsEntry("stdoutBytes", 8L);
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).isEmpty();
    }

    /**
     * The first coordinator started the deploy and was killed: its script and the process that script started run
     * on. Killed after it wrote down the script's id, or before, when only the mark written first names it.
     */
    @ParameterizedTest(name = "id written down: {0}")
    @ValueSource(booleans = {true, false})
    void aProgramLeftRunningByAKilledCoordinatorIsStoppedBeforeItsStepIsCalledAgain(boolean idWritten)
            throws Exception {
        ProcessLedger ledger = new ProcessLedger(dir.resolve(CommandTarget.LEDGER));
        ProcessBuilder first = new ProcessBuilder(
                "sh", "-c", "sleep 300 & echo $! > '" + dir.resolve("child.pid") + "'; echo started; wait");
        String mark = ledger.marking("r1/deploy", first);
        Process leftover = first.start();
        assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(leftover.getInputStream())).readLine())
                .isEqualTo("started");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        if (idWritten) ledger.started("r1/deploy", mark, leftover.toHandle());
        recorder();

        TargetResult result =
                deployOnly(List.of("scripts/record.sh"), MINUTE, null).deploy(call("r1/deploy"));

        assertThat(result.status()).isEqualTo(Status.DONE);
        assertThat(result.facts().get("stoppedLeftover").toString())
                .endsWith("(pid " + leftover.pid() + ") and 1 process it started");
        assertThat(leftover.isAlive()).isFalse();
        assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(asked()).containsExactly("deploy||r1/deploy");
        assertThat(dir.resolve(CommandTarget.LEDGER)).isEmptyDirectory();
    }

    @Test
    void aStepWhoseProgramNeverStartedHasNothingToStop() throws Exception {
        // Killed after writing the mark down and before the start: nothing carries the mark.
        new ProcessLedger(dir.resolve(CommandTarget.LEDGER)).marking("r1/deploy", new ProcessBuilder("true"));
        recorder();

        TargetResult result =
                deployOnly(List.of("scripts/record.sh"), MINUTE, null).deploy(call("r1/deploy"));

        assertThat(result.status()).isEqualTo(Status.DONE);
        assertThat(result.facts()).doesNotContainKey("stoppedLeftover");
        assertThat(asked()).containsExactly("deploy||r1/deploy");
    }

    @Test
    void aProcessIdTheSystemGaveToAnotherProgramSinceIsNeverTouched() throws Exception {
        Process other = new ProcessBuilder("sh", "-c", "echo started; read line").start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream())).readLine())
                    .isEqualTo("started");
            // Written down with another start time: the program it named ended, and its id was given to this one.
            long startMillis = other.info().startInstant().orElseThrow().toEpochMilli();
            Files.createDirectories(dir.resolve(CommandTarget.LEDGER));
            Files.writeString(
                    dir.resolve(CommandTarget.LEDGER).resolve("r1_2fdeploy"),
                    other.pid() + " " + (startMillis - 60_000) + "\n");
            recorder();

            TargetResult result =
                    deployOnly(List.of("scripts/record.sh"), MINUTE, null).deploy(call("r1/deploy"));

            assertThat(result.status()).isEqualTo(Status.DONE);
            assertThat(result.facts()).doesNotContainKey("stoppedLeftover");
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aScriptStillOpenForWritingAfterTheTriesCannotStartAndSaysWhy() throws Exception {
        script("deploy.sh", "exit 0");
        // Held open for writing throughout: Linux refuses to run it at every try.
        try (java.io.FileOutputStream writing =
                new java.io.FileOutputStream(dir.resolve("scripts/deploy.sh").toFile(), true)) {
            TargetResult result =
                    deployOnly(List.of("scripts/deploy.sh"), MINUTE, null).deploy(call("r1/deploy"));
            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.message()).isEqualTo("deploy production: cannot start scripts/deploy.sh: text file busy");
        }
    }

    @Test
    void anInterruptedRunStopsTheScriptAndFails() throws Exception {
        script("deploy.sh", "sleep 30");
        CommandTarget target = deployOnly(List.of("scripts/deploy.sh"), MINUTE, null);
        Thread.currentThread().interrupt();
        TargetResult result;
        try {
            result = target.deploy(call("r1/deploy"));
        } finally {
            assertThat(Thread.interrupted())
                    .as("the interrupt is kept for the caller")
                    .isTrue();
        }
        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message())
                .isEqualTo("deploy production: scripts/deploy.sh was stopped with every process it started: the run"
                        + " was interrupted");
    }

    @Test
    void aScriptPrintingMegabytesKeepsOnlyItsLastLines() throws Exception {
        // 175,000 lines of 30 bytes: 5.25 MB on stdout, and three lines on stderr.
        script(
                "deploy.sh",
                "awk 'BEGIN { for (i = 1; i <= 175000; i++) printf \"line %06d of the deploy log\\n\", i }'\n"
                        + "echo 'pulled' >&2; echo 'started' >&2; echo 'healthy' >&2");
        TargetResult result =
                deployOnly(List.of("scripts/deploy.sh"), MINUTE, null).deploy(call("r1/deploy"));
        assertThat(result.status()).isEqualTo(Status.DONE);
        assertThat(result.facts())
                .containsEntry("stdoutBytes", 5_250_000L)
                .containsEntry("stdoutLines", 175_000L)
                .containsEntry("stderrLines", 3L);
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(174_804, 175_000)
                .forEach(i -> expected.add(String.format("out| line %06d of the deploy log", i)));
        expected.addAll(List.of("err| pulled", "err| started", "err| healthy"));
        assertThat(result.output()).hasSize(CommandTarget.MAX_OUTPUT).containsExactlyElementsOf(expected);
    }

    @Test
    void twoChattyStreamsShareTheKeptLinesEqually() throws Exception {
        script(
                "deploy.sh",
                "i=1; while [ $i -le 300 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done; exit 1");
        TargetResult result =
                deployOnly(List.of("scripts/deploy.sh"), MINUTE, null).deploy(call("r1/deploy"));
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(201, 300).forEach(i -> expected.add("out| out " + i));
        IntStream.rangeClosed(201, 300).forEach(i -> expected.add("err| err " + i));
        assertThat(result.output()).containsExactlyElementsOf(expected);
        assertThat(result.message()).isEqualTo("deploy production: scripts/deploy.sh exited 1: err 300");
    }

    @Test
    void aMissingScriptFailsNamingIt() throws Exception {
        TargetResult result = deployOnly(List.of("scripts/missing.sh", "{version}"), MINUTE, null)
                .deploy(call("r1/deploy"));
        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message())
                .isEqualTo("deploy production: cannot start scripts/missing.sh: no such file or directory");
        assertThat(result.output()).isEmpty();
        assertThat(result.facts()).containsExactly(Map.entry("command", "scripts/missing.sh 1.4.0"));
    }

    @Test
    void aScriptThatIsNotExecutableFails() throws Exception {
        script("deploy.sh", "exit 0");
        Files.setPosixFilePermissions(dir.resolve("scripts/deploy.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(deployOnly(List.of("scripts/deploy.sh"), MINUTE, null)
                        .deploy(call("r1/deploy"))
                        .message())
                .isEqualTo("deploy production: cannot start scripts/deploy.sh: permission denied");
    }

    @Test
    void scriptsRunInTheGivenFolder() throws Exception {
        Path service = Files.createDirectories(dir.resolve("services/api-green/scripts"));
        Files.writeString(service.resolve("deploy.sh"), "#!/bin/sh\nls\n");
        Files.setPosixFilePermissions(service.resolve("deploy.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        TargetResult result = deployOnly(List.of("scripts/deploy.sh"), MINUTE, "services/api-{colour}")
                .deploy(call("r1/deploy"));
        assertThat(result.status()).isEqualTo(Status.DONE);
        assertThat(result.output()).containsExactly("out| scripts");
    }

    @Test
    void aMissingFolderFails() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThat(deployOnly(List.of("ls"), MINUTE, "build/{version}")
                        .deploy(call("r1/deploy"))
                        .message())
                .isEqualTo("deploy production: cannot run ls: working directory build/1.4.0 does not exist");
        assertThat(deployOnly(List.of("ls"), MINUTE, "notes.txt")
                        .rollback(call("r1/rollback"))
                        .message())
                .isEqualTo("rollback production: cannot run scripts/rollback.sh: working directory notes.txt is not"
                        + " a folder");
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> deployOnly(List.of(), null, null))
                .hasMessage("expected a script and its arguments such as [scripts/deploy.sh, --version,"
                        + " \"{version}\"], got nothing");
        assertThatThrownBy(() -> new CommandTarget(
                        List.of("scripts/deploy.sh"),
                        List.of(" "),
                        null,
                        List.of("scripts/rollback.sh"),
                        null,
                        null,
                        null))
                .hasMessage("expected a script and its arguments such as [scripts/weight.sh, \"{weight}\"], got"
                        + " nothing");
        assertThatThrownBy(() -> new CommandTarget(
                        List.of("scripts/deploy.sh"), null, null, List.of("", "--to"), null, null, null))
                .hasMessage("expected a script and its arguments such as [scripts/deploy.sh, --rollback, --to,"
                        + " \"{previousVersion}\"], got \"\" as the program");
        assertThatThrownBy(() -> deployOnly(List.of("scripts/deploy.sh"), Duration.ZERO, null))
                .hasMessage("expected a duration longer than zero such as 30s, got \"0s\"");
        assertThatThrownBy(() -> deployOnly(List.of("scripts/deploy.sh"), null, " "))
                .hasMessage("expected a folder such as services/api, got \" \"");
        CommandTarget defaults = deployOnly(List.of("scripts/deploy.sh"), null, null);
        assertThat(defaults.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.setWeight()).isEmpty();
    }

    @Test
    void describeNamesEachScript() {
        assertThat(deployOnly(List.of("scripts/deploy.sh --version {version}"), null, null)
                        .describe())
                .isEqualTo(
                        "deploy with scripts/deploy.sh --version {version}," + " roll back with scripts/rollback.sh");
        assertThat(new CommandTarget(
                                List.of("deploy.sh"),
                                List.of("weight.sh", "{weight}"),
                                List.of("promote.sh"),
                                List.of("deploy.sh", "--to", "{previousVersion}"),
                                List.of("status.sh"),
                                null,
                                "ops")
                        .describe())
                .isEqualTo("deploy with deploy.sh, set weights with weight.sh {weight}, promote with promote.sh,"
                        + " roll back with deploy.sh --to {previousVersion}, ask the status with status.sh in ops");
    }

    @Test
    void thePlanDeclaresItByType() throws Exception {
        Environment environment = YamlBinder.bind(
                        Path.of("gantry.yaml"),
                        """
                        target:
                          type: command
                          deploy: [scripts/deploy.sh, --env, "{environment}", --version, "{version}"]
                          setWeight: [scripts/weight.sh, "{weight}"]
                          promote: scripts/promote.sh {version}
                          rollback: [scripts/deploy.sh, --rollback, --to, "{previousVersion}"]
                          timeout: 10m
                          dir: .
                        """,
                        Environment.class,
                        new Registries(new Targets()))
                .value();
        assertThat(environment.target())
                .isEqualTo(new CommandTarget(
                        List.of("scripts/deploy.sh", "--env", "{environment}", "--version", "{version}"),
                        List.of("scripts/weight.sh", "{weight}"),
                        List.of("scripts/promote.sh", "{version}"),
                        List.of("scripts/deploy.sh", "--rollback", "--to", "{previousVersion}"),
                        List.of(),
                        Duration.ofMinutes(10),
                        "."));
    }

    @Test
    void aBoundTargetRunsItsScripts() throws Exception {
        recorder();
        Target target = Targets.target(YamlBinder.bind(
                        Path.of("gantry.yaml"),
                        "target: { type: command, deploy: \"scripts/record.sh {version}\", rollback: scripts/record.sh,"
                                + " dir: . }\n",
                        Environment.class,
                        new Registries(new Targets()))
                .value()
                .target());
        assertThat(target.deploy(call("r1/deploy")).ok()).isTrue();
        assertThat(asked()).containsExactly("deploy|1.4.0|r1/deploy");
    }

    @Test
    void mistakesInThePlanArePositioned() {
        assertThat(
                        errors(
                                """
                        target:
                          type: command
                          delpoy: [scripts/deploy.sh]
                          rollback: scripts/rollback.sh
                        """))
                .containsExactly(
                        "gantry.yaml:2:3: target: missing required key \"deploy\"",
                        "gantry.yaml:3:3: target.delpoy: unknown key \"delpoy\"; did you mean \"deploy\"?");
        assertThat(
                        errors(
                                """
                        target:
                          type: command
                          deploy: ""
                          setWeight: []
                          rollback: [scripts/rollback.sh]
                        """))
                .containsExactly("gantry.yaml:3:11: target.deploy: expected a script and its arguments such as"
                        + " [scripts/deploy.sh, --version, \"{version}\"], got nothing");
        assertThat(
                        errors(
                                """
                        target:
                          type: command
                          deploy: scripts/deploy.sh
                          rollback: scripts/rollback.sh
                          timeout: 0s
                        """))
                .containsExactly("gantry.yaml:5:12: target.timeout: expected a duration longer than zero such as 30s,"
                        + " got \"0s\"");
        assertThat(errors("target: { type: comand, deploy: x, rollback: y }\n"))
                .containsExactly("gantry.yaml:1:17: target.type: unknown type \"comand\"; did you mean \"command\"?");
    }

    private static List<String> errors(String yaml) {
        try {
            YamlBinder.bind(Path.of("gantry.yaml"), yaml, Environment.class, new Registries(new Targets()));
        } catch (PlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        }
        throw new AssertionError("expected plan errors");
    }
}
