package dev.gantry.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file Gantry reads only when it is a regular file of at most a given size. A FIFO, a device or a socket is
 * refused by its kind and never opened: opening a FIFO waits for a writer that may never come, and a device such
 * as {@code /dev/zero} never ends. The size is checked before the file is opened and again while it is read, should
 * the file grow in between.
 */
public final class RegularFile {

    /** The file is not one to read; the message names it and says why. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private RegularFile() {}

    /**
     * Refuses a folder or a special file at {@code file}, following symlinks, without opening it.
     *
     * @param name the file as messages show it
     * @param expected what it should be, such as "a JSON file"
     */
    public static void check(Path file, String name, String expected) throws Refused, IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isDirectory()) throw new Refused(name + " is a folder, expected " + expected);
        if (!attributes.isRegularFile()) {
            throw new Refused(name + " is " + kind(file) + ", expected " + expected + "; refused without opening it");
        }
    }

    /**
     * Opens {@code file} once it passes {@link #check} and holds at most {@code maxBytes}; reading past them fails.
     *
     * @param reader who reads it, for the message of a file too large, such as "a check reads of one file"
     */
    public static InputStream open(Path file, String name, String expected, long maxBytes, String reader)
            throws Refused, IOException {
        check(file, name, expected);
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new Refused(name + " has " + size + " bytes, more than the " + shown(maxBytes) + " " + reader);
        }
        return new Bounded(Files.newInputStream(file), maxBytes);
    }

    /** The whole of {@code file}, read as {@link #open} opens it. */
    public static byte[] read(Path file, String name, String expected, long maxBytes, String reader)
            throws Refused, IOException {
        try (InputStream in = open(file, name, expected, maxBytes, reader)) {
            return in.readAllBytes();
        }
    }

    /** What a file that is neither a folder nor a regular file is, from its Unix mode where the system has one. */
    static String kind(Path file) {
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
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

    /** 64 MiB, 1 MiB or 512 KiB: the limit as people write it. */
    static String shown(long bytes) {
        if (bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes % (1 << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }

    /** Stops a file that grew after it was checked from being read past its limit. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
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
            if (read > max) throw new IOException("it grew past " + shown(max) + " while it was read");
        }
    }
}
