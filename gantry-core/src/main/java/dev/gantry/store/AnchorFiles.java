package dev.gantry.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Anchors as small files in a folder beside the database file, one per run: {@code <environment>~<run id>} holding
 * {@code <sequence> <hash>}. A file is replaced by an atomic move, so a reader sees the old anchor or the new one.
 * Names keep letters, digits and dashes as they are and write any other byte of the UTF-8 text as {@code _} and
 * two hex digits, so that any environment or run id gives a file name of its own, never "." or "..".
 */
final class AnchorFiles implements Anchors {

    private static final Pattern CONTENT = Pattern.compile("(\\d{1,18}) ([0-9a-f]{64})\\n?");
    private static final char SEPARATOR = '~';

    private final Path folder;

    AnchorFiles(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<Anchor> of(String environment, String runId) throws StoreException {
        Path file = folder.resolve(name(environment, runId));
        String content;
        try {
            content = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read the anchor of run " + runId + " at " + file + ": " + e, e);
        }
        Matcher m = CONTENT.matcher(content);
        if (!m.matches()) {
            throw new StoreException("the anchor of run " + runId + " at " + file
                    + " is damaged: expected \"<sequence> <sha-256 in hex>\"");
        }
        return Optional.of(new Anchor(Long.parseLong(m.group(1)), m.group(2)));
    }

    @Override
    public void set(String environment, String runId, Anchor anchor) throws StoreException {
        Path file = folder.resolve(name(environment, runId));
        Path next = folder.resolve(file.getFileName() + ".next");
        try {
            Files.createDirectories(folder);
            Files.writeString(next, anchor.sequence() + " " + anchor.hash() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write the anchor of run " + runId + " at " + file + ": " + e, e);
        }
    }

    @Override
    public Set<String> runs(String environment) throws StoreException {
        String prefix = encode(environment) + SEPARATOR;
        Set<String> runs = new TreeSet<>();
        if (!Files.isDirectory(folder)) return runs;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && !name.endsWith(".next")) {
                    runs.add(decode(name.substring(prefix.length())));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list the run anchors in " + folder + ": " + e, e);
        }
        return runs;
    }

    static String name(String environment, String runId) {
        return encode(environment) + SEPARATOR + encode(runId);
    }

    static String encode(String text) {
        StringBuilder name = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                name.append(c);
            } else {
                name.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        return name.toString();
    }

    static String decode(String name) {
        byte[] bytes = new byte[name.length()];
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && i + 2 < name.length()) {
                bytes[n++] = (byte) HexFormat.fromHexDigits(name, i + 1, i + 3);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
