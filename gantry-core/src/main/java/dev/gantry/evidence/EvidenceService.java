package dev.gantry.evidence;

import dev.gantry.gate.Uploads;
import dev.gantry.store.Evidence;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Evidence uploaded for a commit, the use-case the server's API and the command line share: a file stored with its
 * hash and who uploaded it, the files of a commit listed, and laid into a checkout of that commit so that the gate's
 * checks read them where the plan names them.
 */
public final class EvidenceService {

    /**
     * The most one uploaded file may hold. The largest real reports (a JUnit XML of tens of thousands of tests, a
     * CodeQL SARIF of a large repository) are a few MiB; each is held whole by the database when stored.
     */
    public static final long MAX_BYTES = 20L << 20;

    private final Store store;

    public EvidenceService(Store store) {
        this.store = store;
    }

    /** A file longer than {@link #MAX_BYTES}; nothing of it was stored. */
    public static final class TooLarge extends Exception {
        public TooLarge(String path) {
            super(path + " is larger than " + (MAX_BYTES >> 20) + " MiB, the most an evidence file may hold");
        }
    }

    /**
     * Stores the bytes of {@code body} as the evidence {@code path} of {@code commit}, uploaded by {@code person} at
     * {@code at}. The bytes pass through a file in {@code scratch} (which the caller owns), never whole in memory, and
     * reading stops one byte past the limit.
     *
     * @param commit a full 40-digit commit hash the caller resolved
     * @throws TooLarge when the body holds more than {@link #MAX_BYTES}
     */
    public Evidence.Upload upload(
            String commit, EvidencePath path, InputStream body, String person, Instant at, Path scratch)
            throws TooLarge, IOException, StoreException {
        Path file = Files.createTempFile(scratch, "evidence-", ".upload");
        try {
            MessageDigest sha = sha256();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > MAX_BYTES) throw new TooLarge(path.value());
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            Evidence.Upload upload = new Evidence.Upload(
                    commit, path.value(), size, HexFormat.of().formatHex(sha.digest()), person, at);
            store.evidence().put(upload, file);
            return upload;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The files of {@code commit}: the newest upload of each path, sorted by path. */
    public List<Evidence.Upload> list(String commit) throws StoreException {
        return store.evidence().of(commit);
    }

    /**
     * Writes the evidence of {@code commit} into {@code folder}, a checkout of that commit, each file at its path and
     * dated when it was uploaded; a file the commit holds at the same path is replaced by the upload made for it.
     *
     * @return the files laid out, for the gate to tell which decided a criterion
     * @throws IOException when a file cannot be written, or its path leads through a symlink of the commit out of
     *     {@code folder}, or is a folder there
     */
    public Uploads layOut(String commit, Path folder) throws StoreException, IOException {
        List<Evidence.Upload> uploads = list(commit);
        Path root = folder.toRealPath();
        for (Evidence.Upload upload : uploads) {
            Path target = folders(root, upload, commit).resolve(target(upload));
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("the evidence " + upload.path() + " cannot be laid out: commit "
                        + commit.substring(0, 7) + " has a folder there");
            }
            Files.deleteIfExists(target); // a symlink itself, not what it points to
            if (!store.evidence().copy(upload, target)) {
                throw new IOException("the evidence " + upload.path() + " of commit " + commit.substring(0, 7)
                        + " was listed but is no longer stored");
            }
            Files.setLastModifiedTime(target, FileTime.from(upload.at()));
        }
        return Uploads.of(uploads);
    }

    private static String target(Evidence.Upload upload) {
        String path = upload.path();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The folder of the upload's file inside {@code root}, made where missing. A commit may hold a symlink or a file
     * where the upload's folders are: each folder is made or checked one by one, so that nothing is ever written
     * out of the checkout, not even a folder.
     */
    private static Path folders(Path root, Evidence.Upload upload, String commit) throws IOException {
        Path folder = root;
        String[] segments = upload.path().split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            folder = folder.resolve(segments[i]);
            if (Files.isSymbolicLink(folder)
                    || Files.exists(folder, LinkOption.NOFOLLOW_LINKS)
                            && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("the evidence " + upload.path() + " cannot be laid out: "
                        + root.relativize(folder) + " is not a folder in commit " + commit.substring(0, 7));
            }
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(folder);
        }
        return folder;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
