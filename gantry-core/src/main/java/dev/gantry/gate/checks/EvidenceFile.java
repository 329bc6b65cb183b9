package dev.gantry.gate.checks;

import dev.gantry.files.RegularFile;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file a check reads as evidence. Before it is opened it must exist, be a regular file, stay inside the
 * repository when the plan names it there (a symlink may point elsewhere in the repository, not out of it) and,
 * to be read, hold at most {@link #MAX_BYTES}; a FIFO or a device is refused by its kind and never opened, since opening a FIFO
 * waits for a writer that may never come.
 *
 * @param root the repository's top folder
 * @param path the file, resolved from the root
 * @param name the file as messages show it, from the repository's top folder
 * @param uploads told of each file read, so that the gate can name the uploaded ones
 */
record EvidenceFile(Path root, Path path, String name, Uploads uploads) {

    /**
     * Files are read whole, and a JSON file becomes a tree in memory. 64 MiB is several times the largest real
     * reports (a CodeQL SARIF of a large monorepo, the JUnit XML of tens of thousands of tests) while such a tree
     * still fits the heap of a CI job.
     */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * SARIF nests about 15 levels deep, JMH's JSON 5 and JUnit XML 4; a file nesting deeper than this only serves to
     * exhaust the stack of the tree walks that read it.
     */
    static final int MAX_DEPTH = 200;

    /** The file cannot serve as evidence; the message names it and says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The file of the repository at {@code file}, shown as the plan names it. */
    static EvidenceFile of(CheckContext context, Path file) {
        return new EvidenceFile(context.root(), file, ReportFiles.shown(context, file), context.uploads());
    }

    /** The file the plan names with {@code planPath}, placeholders replaced. */
    static EvidenceFile of(CheckContext context, String planPath) {
        return of(context, context.resolve(planPath));
    }

    /**
     * Opens the file once it passes the checks above; {@code expected} says what it should be, such as "a JSON
     * file". Reading past {@link #MAX_BYTES} fails, should the file grow after it was checked.
     */
    InputStream open(String expected) throws Refused, IOException {
        Path target = real(expected);
        try {
            return RegularFile.open(target, name, expected, MAX_BYTES, "a check reads of one file");
        } catch (RegularFile.Refused e) {
            throw new Refused(e.getMessage());
        }
    }

    /**
     * The regular file the path leads to, without opening it.
     *
     * @throws Refused when the file is missing, a folder, a special file, or a symlink out of the repository
     */
    Path real(String expected) throws Refused, IOException {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new Refused(name + " does not exist");
        }
        uploads.read(name);
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refused(name + " is a symlink to " + Files.readSymbolicLink(path) + ", which does not exist");
        }
        boolean namedInside = path.toAbsolutePath()
                .normalize()
                .startsWith(root.toAbsolutePath().normalize());
        if (namedInside && !real.startsWith(root.toRealPath())) {
            String how = own.isSymbolicLink() ? " is a symlink to " : " leads through a symlink to ";
            throw new Refused(
                    name + how + real + ", outside the repository: evidence is read from the repository only");
        }
        try {
            RegularFile.check(real, name, expected);
        } catch (RegularFile.Refused e) {
            throw new Refused(e.getMessage());
        }
        return real;
    }
}
