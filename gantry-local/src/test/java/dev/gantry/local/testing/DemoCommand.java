package dev.gantry.local.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs a class of this module in a JVM of its own, on the test class path. */
public final class DemoCommand {

    private DemoCommand() {}

    public static List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small heap and no JIT tiers past C1 start a child in a fraction of a second.
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    public static List<String> demo(String... args) {
        return java("dev.gantry.local.demo.DemoService", args);
    }
}
