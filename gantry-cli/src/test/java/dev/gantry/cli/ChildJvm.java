package dev.gantry.cli;

import dev.gantry.testing.GitFixture;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How the tests start Gantry in a child JVM: the flags the {@code gantry} launcher gives a command, and a class-data
 * archive of the library classes a command loads, as the launcher keeps one for its jar. The tests start some
 * hundreds of commands, and each one spent most of its time loading and verifying those classes.
 *
 * <p>The archive is built once for the test class path (its jars, their sizes and dates) and kept in the build's
 * folder. A JVM on Java 17 archives classes from jars only, so the class path puts the jars first and this module's
 * class folders after them. Without an archive a child starts as before, only slower.
 */
final class ChildJvm {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** The jars of the test class path, then its folders: what the archive holds must come first. */
    static final String CLASS_PATH = jarsFirst(System.getProperty("java.class.path"));

    private static final Optional<Path> ARCHIVE = archive();

    private ChildJvm() {}

    /** A command as the launcher runs one that is over in a moment: the lightest collector, no optimizing compiler. */
    static List<String> quick() {
        return java("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    /** Gantry with {@code args} and the JVM's default flags, as the launcher runs {@code gantry serve}. */
    static List<String> server(String... args) {
        List<String> command = java();
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java} with these flags, the archive when there is one, the class path and Gantry's main class. */
    static List<String> java(String... flags) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(flags));
        command.addAll(archiveFlags());
        command.addAll(List.of("-cp", CLASS_PATH, Main.class.getName()));
        return command;
    }

    private static List<String> archiveFlags() {
        // The log flags keep the JVM from ever writing about the archive into a command's output.
        return ARCHIVE.map(a -> List.of("-XX:SharedArchiveFile=" + a, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"))
                .orElse(List.of());
    }

    private static String jarsFirst(String classPath) {
        List<String> jars = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            (entry.endsWith(".jar") ? jars : folders).add(entry);
        }
        return String.join(File.pathSeparator, jars) + File.pathSeparator + String.join(File.pathSeparator, folders);
    }

    private static List<String> jars() {
        return List.of(CLASS_PATH.split(File.pathSeparator)).stream()
                .filter(e -> e.endsWith(".jar"))
                .toList();
    }

    private static Optional<Path> archive() {
        try {
            Path folder = Path.of("target", "child-jvm").toAbsolutePath();
            Path archive = folder.resolve(key() + ".jsa");
            if (Files.isRegularFile(archive)) return Optional.of(archive);
            Files.createDirectories(folder);
            try (var old = Files.list(folder)) {
                for (Path stale : old.toList()) Files.deleteIfExists(stale);
            }
            Path built = build(folder);
            if (built == null) return Optional.empty();
            Files.move(built, archive, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(archive);
        } catch (IOException e) {
            System.err.println("no class-data archive for the Gantry child processes: " + e);
            return Optional.empty();
        }
    }

    /** Changes when a jar of the class path does: the JVM refuses an archive whose jars changed. */
    private static String key() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
            for (String jar : jars()) {
                Path path = Path.of(jar);
                String line = jar + " "
                        + (Files.exists(path) ? Files.size(path) + " " + Files.getLastModifiedTime(path) : "-");
                digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs commands that load what most tests' commands load, lists the classes each loaded, and dumps those from
     * the jars into an archive; {@code null} when that failed.
     */
    private static Path build(Path folder) throws IOException {
        Path work = Files.createTempDirectory("gantry-child-jvm");
        try {
            Path repo = work.resolve("repo");
            GitFixture git = GitFixture.init(repo)
                    .commit("feat: first")
                    .commit("fix: second")
                    .tag("v1.0.0");
            git.commit("feat(api): third");
            List<List<String>> training = List.of(
                    List.of("--version"),
                    List.of("--help"),
                    List.of("init"),
                    List.of("plan", "check"),
                    List.of("version", "--explain"),
                    List.of("changelog"),
                    List.of("gate", "staging"),
                    List.of("status"),
                    List.of("history"));
            List<Path> lists = new ArrayList<>();
            for (List<String> args : training) {
                Path list = work.resolve(lists.size() + ".classes");
                List<String> command = new ArrayList<>(List.of(
                        JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:DumpLoadedClassList=" + list));
                command.addAll(List.of("-cp", CLASS_PATH, Main.class.getName()));
                command.addAll(args);
                run(command, repo);
                if (args.equals(List.of("init"))) {
                    git.git("add", "-A");
                    git.commit("chore: the release plan");
                }
                lists.add(list);
            }
            Set<String> classes = new LinkedHashSet<>();
            for (Path list : lists) {
                if (Files.exists(list)) classes.addAll(Files.readAllLines(list));
            }
            Path all = work.resolve("all.classlist");
            Files.write(all, classes);
            Path archive = folder.resolve("building-" + ProcessHandle.current().pid() + ".jsa");
            // Only the jars: a folder with classes in it on the class path keeps the JVM from dumping at all.
            int exit = run(
                    List.of(
                            JAVA,
                            "-Xshare:dump",
                            "-XX:+UseSerialGC",
                            "-XX:SharedClassListFile=" + all,
                            "-XX:SharedArchiveFile=" + archive,
                            "-cp",
                            String.join(File.pathSeparator, jars())),
                    work);
            if (exit != 0 || !Files.isRegularFile(archive)) {
                System.err.println("no class-data archive for the Gantry child processes: the dump exited " + exit);
                Files.deleteIfExists(archive);
                return null;
            }
            return archive;
        } finally {
            delete(work);
        }
    }

    private static int run(List<String> command, Path dir) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private static void delete(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a scratch folder in the temp folder: left behind, it harms nothing
        }
    }
}
