package dev.gantry.bench;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes a large git repository of Conventional Commits and release tags through {@code git fast-import}.
 *
 * <p>Usage: {@code HistoryGenerator --dir DIR --commits 27000 --tags 12000 [--seed 42] [--merges-every 50]}.
 * Each commit changes one small file under {@code services/api}, {@code services/web}, {@code lib} or
 * {@code docs}. Every {@code --merges-every} commits a side branch of 2-3 commits is merged back beside one
 * commit of the main line, the merge holding both sides' changes. The tags {@code v1.0.0, ...} are spread
 * evenly over the main line, each the semantic-versioning successor of the one before under the default
 * rules (breaking: major, feat: minor, fix and perf: patch); a revert always undoes the commit just before
 * it, in the same release, so the pair releases nothing. A few unreleased commits, one a feat, follow the
 * last tag. The same seed gives the same repository, hashes included. The last line on stdout is the next
 * version.
 */
public final class HistoryGenerator {

    private static final long START = 1577836800L; // 2020-01-01T00:00:00Z
    private static final String AUTHOR = "Bench <bench@example.com>";
    private static final String[] SCOPES = {"api", "web", "lib"};
    private static final String[] DIRS = {"services/api", "services/web", "lib"};
    private static final String[] VERBS = {"handle", "validate", "cache", "retry", "log", "parse", "render", "stream"};
    private static final String[] NOUNS = {"tokens", "timeouts", "sessions", "cookies", "limits", "locales", "uploads"};
    private static final String[] DEPS = {"jackson", "netty", "slf4j", "guava", "react", "webpack"};
    private static final String[] SENTENCES = {
        "Seen on slow networks.", "Found by the load test.", "Reported by support."
    };
    private static final String[][] TAIL = {
        {"services/api", "fix(api): keep the retry budget per request"},
        {"docs", "docs: explain the release tags"},
        {"lib", "chore(deps): bump slf4j to 2.0.13"},
        {"services/web", "feat(web): show the next release on the dashboard"},
        {"lib", "refactor: split the parser"}
    };

    private final Random random;
    private final OutputStream out;
    private int made; // commits written so far; also the mark of the newest one
    private int mainTip; // mark of the main line's newest commit
    private int merges;
    private int tags;
    private int major = 1, minor = 0, patch = 0;
    private int pendingBefore; // highest bump of the release in progress, its newest commit left out
    private int lastBump; // bump of the newest commit of the release in progress
    private String revertable; // header of the newest commit when a revert may undo it, else null
    private String lastPath; // the file the newest commit changed
    private final Map<String, String> sideFiles = new LinkedHashMap<>(); // what the open side branch changed

    private HistoryGenerator(Random random, OutputStream out) {
        this.random = random;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String dir = null;
        int commits = 27000, tagCount = 12000, mergesEvery = 50;
        long seed = 42;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--dir" -> dir = value;
                    case "--commits" -> commits = Integer.parseInt(value);
                    case "--tags" -> tagCount = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--merges-every" -> mergesEvery = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException(args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            fail("bad argument " + e.getMessage()
                    + "\nusage: HistoryGenerator --dir DIR --commits N --tags N [--seed N] [--merges-every N]");
        }
        int released = commits - TAIL.length;
        if (dir == null || dir.isEmpty()) fail("--dir is required");
        if (tagCount < 1 || tagCount > released) fail("--tags must be between 1 and --commits minus " + TAIL.length);
        File target = new File(dir);
        String[] existing = target.list();
        if (existing != null && existing.length > 0) fail(dir + " exists and is not empty");

        long begin = System.nanoTime();
        run(null, "git", "init", "-q", "-b", "main", target.getPath());
        Process importer = new ProcessBuilder("git", "fast-import", "--quiet")
                .directory(target)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        HistoryGenerator g;
        try (OutputStream stream = new BufferedOutputStream(importer.getOutputStream(), 1 << 16)) {
            g = new HistoryGenerator(new Random(seed), stream);
            g.write("feature done\n");
            g.history(released, tagCount, mergesEvery);
            for (String[] tail : TAIL) g.commit(tail[1] + "\n", g.path(tail[0]), "refs/heads/main", null);
            g.write("reset refs/heads/topic\nfrom 0000000000000000000000000000000000000000\n\ndone\n");
        }
        if (importer.waitFor() != 0) fail("git fast-import failed");
        run(target, "git", "pack-refs", "--all");
        run(target, "git", "reset", "-q", "--hard");
        System.err.printf(
                "%d commits (%d merges), %d tags up to v%d.%d.%d, in %d ms%n",
                g.made, g.merges, g.tags, g.major, g.minor, g.patch, (System.nanoTime() - begin) / 1_000_000);
        System.out.println(g.major + "." + (g.minor + 1) + ".0");
    }

    /** The released part: {@code released} commits with {@code tagCount} tags, the last on the last commit. */
    private void history(int released, int tagCount, int mergesEvery) throws IOException {
        int nextMerge = mergesEvery;
        while (made < released) {
            if (mergesEvery > 0 && made >= nextMerge && made + 5 < released) {
                nextMerge += mergesEvery;
                int side = 2 + random.nextInt(2);
                boolean tagMerge = tags < tagCount && made + side + 2 >= position(tags, released, tagCount);
                write("reset refs/heads/topic\nfrom :" + mainTip + "\n\n");
                for (int i = 0; i < side; i++) plain(false, false, "refs/heads/topic");
                int sideTip = made;
                plain(tagMerge && pending() == 0, false, "refs/heads/main");
                merges++;
                commit("Merge branch 'topic-" + merges + "'\n", null, "refs/heads/main", sideTip);
                record(0, null);
                sideFiles.clear();
            } else {
                boolean tagNext = tags < tagCount && made + 1 >= position(tags, released, tagCount);
                plain(tagNext && pending() == 0, !tagNext, "refs/heads/main");
            }
            if (tags < tagCount && made >= position(tags, released, tagCount)) tag();
        }
        if (tags != tagCount) fail("only " + tags + " of " + tagCount + " tags fit: lower --tags or raise --commits");
    }

    /** The number of commits after which tag number {@code tag} (from 0) is due. */
    private static long position(int tag, int released, int tagCount) {
        return (long) (tag + 1) * released / tagCount;
    }

    /** One ordinary commit; {@code forceFix} makes it release a patch, {@code mayRevert} lets it be a revert. */
    private void plain(boolean forceFix, boolean mayRevert, String ref) throws IOException {
        if (mayRevert && revertable != null && random.nextInt(100) < 3) {
            String message = "Revert \"" + revertable + "\"\n\n" + pick(SENTENCES) + "\n\nRefs: #" + issue() + "\n";
            commit(message, lastPath, ref, null);
            lastBump = 0; // the pair cancels out: neither the revert nor the reverted commit releases anything
            revertable = null;
            return;
        }
        int roll = forceFix ? 0 : random.nextInt(100);
        int area = random.nextInt(SCOPES.length);
        String scope = SCOPES[area], subject = pick(VERBS) + " " + pick(NOUNS), header;
        if (roll < 38) header = "fix(" + scope + "): " + subject;
        else if (roll < 58) header = "feat(" + scope + "): " + subject;
        else if (roll < 70) header = "docs: describe how to " + subject;
        else if (roll < 80) header = "chore(deps): bump " + pick(DEPS) + " to 2." + random.nextInt(30) + ".0";
        else if (roll < 93) header = "refactor: " + subject + " in one place";
        else header = "perf(" + scope + "): " + subject + " faster";
        int bump = roll < 38 || roll >= 93 ? 1 : roll < 58 ? 2 : 0;
        String dir = roll >= 58 && roll < 70 ? "docs" : DIRS[area];
        boolean breaking = bump > 0 && random.nextInt(1000) < 3;
        if (breaking && random.nextBoolean()) header = header.replaceFirst(":", "!:");
        StringBuilder message = new StringBuilder(header).append('\n');
        if (random.nextInt(100) < 30)
            message.append('\n').append(pick(SENTENCES)).append('\n');
        StringBuilder footers = new StringBuilder();
        if (random.nextInt(100) < 15) footers.append("Refs: #").append(issue()).append('\n');
        if (random.nextInt(100) < 8) footers.append("Closes #").append(issue()).append('\n');
        if (breaking && !header.contains("!:"))
            footers.append("BREAKING CHANGE: ").append(pick(NOUNS)).append(" no longer accept the old format\n");
        if (footers.length() > 0) message.append('\n').append(footers);
        commit(message.toString(), path(dir), ref, null);
        record(breaking ? 3 : bump, header);
    }

    private void record(int bump, String header) {
        pendingBefore = Math.max(pendingBefore, lastBump);
        lastBump = bump;
        revertable = header;
    }

    private int pending() {
        return Math.max(pendingBefore, lastBump);
    }

    /** Tags the main line's newest commit with the successor of the previous tag. */
    private void tag() throws IOException {
        int bump = tags == 0 ? 0 : pending(); // the first tag is v1.0.0 whatever came before
        if (tags > 0 && bump == 0) throw new IllegalStateException("nothing to release at commit " + made);
        // a major bump zeroes minor and patch, a minor bump zeroes patch
        if (bump == 3) major++;
        if (bump == 2) minor++;
        if (bump == 1) patch++;
        if (bump >= 2) patch = 0;
        if (bump == 3) minor = 0;
        write("reset refs/tags/v" + major + "." + minor + "." + patch + "\nfrom :" + mainTip + "\n\n");
        tags++;
        pendingBefore = 0;
        lastBump = 0;
        revertable = null;
    }

    /** A file under {@code dir} that the open side branch has not changed. */
    private String path(String dir) {
        String path;
        do path = dir + "/part-" + random.nextInt(6) + ".txt";
        while (sideFiles.containsKey(path));
        return path;
    }

    /** A commit that changes the file {@code path}, or a merge of mark {@code merge} with the side's files. */
    private void commit(String message, String path, String ref, Integer merge) throws IOException {
        made++;
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        String who = AUTHOR + " " + (START + 60L * (made - 1)) + " +0000\n"; // a minute per commit
        write("commit " + ref + "\nmark :" + made + "\n");
        write("author " + who + "committer " + who + "data " + text.length + "\n");
        out.write(text);
        if (merge != null) {
            write("merge :" + merge + "\n");
            for (Map.Entry<String, String> file : sideFiles.entrySet()) change(file.getKey(), file.getValue());
        } else {
            String content = "change " + made + "\n";
            change(path, content);
            if (ref.equals("refs/heads/topic")) sideFiles.put(path, content);
            lastPath = path;
        }
        write("\n");
        if (ref.equals("refs/heads/main")) mainTip = made;
    }

    private void change(String path, String content) throws IOException {
        write("M 100644 inline " + path + "\ndata " + content.length() + "\n" + content);
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }

    private int issue() {
        return 1 + random.nextInt(5000);
    }

    private static void run(File dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir).inheritIO().start();
        if (p.waitFor() != 0) fail(String.join(" ", command) + " failed");
    }

    private static void fail(String message) {
        System.err.println("HistoryGenerator: " + message);
        System.exit(2);
    }
}
