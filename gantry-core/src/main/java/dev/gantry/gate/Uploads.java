package dev.gantry.gate;

import dev.gantry.store.Evidence;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files uploaded as evidence for the release commit and laid into the folder the checks read, by their path
 * there; and, for one criterion, those its check read. So the gate can say which uploaded file decided a criterion,
 * who uploaded it and when. A gate of a working tree has none.
 */
public final class Uploads {

    private static final Uploads NONE = new Uploads(Map.of(), null);

    private final Map<String, Evidence.Upload> byPath;
    private final Set<String> read; // null where nothing is tracked

    private Uploads(Map<String, Evidence.Upload> byPath, Set<String> read) {
        this.byPath = byPath;
        this.read = read;
    }

    public static Uploads none() {
        return NONE;
    }

    public static Uploads of(List<Evidence.Upload> uploads) {
        return new Uploads(
                uploads.stream()
                        .collect(Collectors.toMap(
                                Evidence.Upload::path, Function.identity(), (a, b) -> b, TreeMap::new)),
                null);
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** The file uploaded for the commit at {@code path}, from the repository's top folder, if one was. */
    public java.util.Optional<Evidence.Upload> uploaded(String path) {
        return java.util.Optional.ofNullable(byPath.get(path));
    }

    /** A fresh record of what one check reads, over the same files. */
    Uploads tracking() {
        return new Uploads(byPath, new TreeSet<>());
    }

    /**
     * Notes that a check read the file at {@code path} (from the repository's top folder, forward slashes); a file
     * that was not uploaded is not noted.
     */
    public void read(String path) {
        if (read != null && byPath.containsKey(path)) read.add(path);
    }

    /** The uploaded files read since {@link #tracking()}, by path. */
    List<Evidence.Upload> read() {
        return read == null ? List.of() : read.stream().map(byPath::get).toList();
    }
}
