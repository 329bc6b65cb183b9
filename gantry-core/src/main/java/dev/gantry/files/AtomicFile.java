package dev.gantry.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file's content all at once: readers see the old file or the new one, never half of one. A
 * symbolic link stays a link (its target is replaced) and the file keeps its permissions.
 */
public final class AtomicFile {

    private AtomicFile() {}

    public static void write(Path file, String text) throws IOException {
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            keepPermissions(target, temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes a new file all at once, refusing to replace one that exists, even one created a moment ago by
     * someone else.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists
     */
    public static void create(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            keepPermissions(target, temp);
            // A hard link appears whole and fails when the name is taken; a rename would replace.
            Files.createLink(target, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void keepPermissions(Path original, Path replacement) throws IOException {
        var posix = Files.getFileAttributeView(replacement, PosixFileAttributeView.class);
        if (posix == null) return;
        if (Files.exists(original)) {
            posix.setPermissions(Files.getPosixFilePermissions(original));
        } else {
            // A new file gets the usual rw-r--r--, not the owner-only mode of a temporary file.
            posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
