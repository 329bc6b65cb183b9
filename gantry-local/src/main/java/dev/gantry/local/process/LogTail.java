package dev.gantry.local.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last lines of an instance's log, for the error that says why it never became healthy. */
public final class LogTail {

    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {}

    public static List<String> last(Path log, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            List<String> kept = new ArrayList<>();
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) kept.add(all[i]);
            if (kept.size() == 1 && kept.get(0).isEmpty()) return List.of();
            return kept;
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** The lines indented under a heading, or a note that the log is empty. */
    public static String shown(Path log, int lines) {
        List<String> last = last(log, lines);
        if (last.isEmpty()) return "; its log " + log + " is empty";
        return "; last lines of " + log + ":\n  " + String.join("\n  ", last);
    }
}
