package dev.gantry.store;

import dev.gantry.files.AtomicFile;
import dev.gantry.files.FileNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Anchors as small files in a folder beside the database file, one per run, named {@code <environment>~<run id>}
 * (each as {@link FileNames} writes it) and holding {@code <sequence> <hash>}. A file is replaced all at once, so a
 * reader sees the old anchor or the new one.
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
        try {
            AtomicFile.write(file, anchor.sequence() + " " + anchor.hash() + "\n");
        } catch (IOException e) {
            throw new StoreException("cannot write the anchor of run " + runId + " at " + file + ": " + e, e);
        }
    }

    @Override
    public Set<String> runs(String environment) throws StoreException {
        String prefix = FileNames.encode(environment) + SEPARATOR;
        Set<String> runs = new TreeSet<>();
        if (!Files.isDirectory(folder)) return runs;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                // A file being written starts with a dot, which no anchor's name does.
                if (name.startsWith(prefix)) runs.add(FileNames.decode(name.substring(prefix.length())));
            }
        } catch (IOException e) {
            throw new StoreException("cannot list the run anchors in " + folder + ": " + e, e);
        }
        return runs;
    }

    private static String name(String environment, String runId) {
        return FileNames.encode(environment) + SEPARATOR + FileNames.encode(runId);
    }
}
