package dev.gantry.gate.checks;

import dev.gantry.gate.CheckContext;
import java.io.FilterInputStream;
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
 */
record EvidenceFile(Path root, Path path, String name) {

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
        return new EvidenceFile(context.root(), file, ReportFiles.shown(context, file));
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
        long size = Files.size(target);
        if (size > MAX_BYTES) {
            throw new Refused(name + " has " + size + " bytes, more than the " + (MAX_BYTES >> 20)
                    + " MiB a check reads of one file");
        }
        return new Bounded(Files.newInputStream(target));
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
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        if (attributes.isDirectory()) throw new Refused(name + " is a folder, expected " + expected);
        if (!attributes.isRegularFile()) {
            throw new Refused(name + " is " + kind(real) + ", expected " + expected + "; refused without opening it");
        }
        return real;
    }

    /** What a file that is neither a folder nor a regular file is, from its Unix mode where the system has one. */
    private static String kind(Path file) {
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    /** Stops a file that grew after it was checked from being read past {@link #MAX_BYTES}. */
    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > MAX_BYTES) {
                throw new IOException("it grew past " + (MAX_BYTES >> 20) + " MiB while it was read");
            }
        }
    }
}
