package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command, however it is built, answers --help with its usage, exit 0 and nothing on stderr. */
// It changes or checks what the whole process shares: no other test class runs beside it.
@org.junit.jupiter.api.parallel.Isolated
class HelpTest {

    @Test
    void everyCommandHasHelp() {
        List<String[]> commands = new ArrayList<>();
        collect(
                new CommandLine(
                        new GantryCommand(),
                        new Main.Factory(dev.gantry.rollout.Time.system(), java.time.Clock.systemUTC())),
                new ArrayList<>(),
                commands);
        assertThat(commands).hasSizeGreaterThan(10);
        commands.add(0, new String[] {"--help"});
        for (String[] command : commands) {
            PrintStream originalOut = System.out;
            PrintStream originalErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            // picocli warns on stderr, for instance of a lone "%" in a description, and still exits 0.
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = Main.run(command, Clock.systemUTC());
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
            assertThat(exit).as(String.join(" ", command)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .as(String.join(" ", command))
                    .startsWith("Usage: gantry");
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .as(String.join(" ", command))
                    .isEmpty();
        }
    }

    private static void collect(CommandLine cli, List<String> path, List<String[]> into) {
        for (var sub : cli.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().helpCommand()) continue;
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            List<String> withHelp = new ArrayList<>(next);
            withHelp.add("--help");
            into.add(withHelp.toArray(String[]::new));
            collect(sub.getValue(), next, into);
        }
    }
}
