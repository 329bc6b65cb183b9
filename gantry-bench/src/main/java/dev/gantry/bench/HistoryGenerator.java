package dev.gantry.bench;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes a large git repository of Conventional Commits and release tags through {@code git fast-import}.
 *
 * <p>Usage: {@code HistoryGenerator --dir DIR --commits 27000 --tags 12000 [--seed 42] [--merges-every 50]}.
 * Every {@code --merges-every} commits a side branch of 2-3 commits is merged back beside one commit of the
 * main line. The tags {@code v1.0.0, ...} are spread evenly, each the semantic-versioning successor of the one
 * before under the default rules (breaking: major, feat: minor, fix and perf: patch); a revert always undoes
 * the commit just before it, in the same release, so the pair releases nothing. A few unreleased commits,
 * one a feat, follow the last tag. The last line on stdout is the version that comes next.
 */
public final class HistoryGenerator {

    private static final long START = 1577836800L; // 2020-01-01T00:00:00Z
    private static final String AUTHOR = "Bench <bench@example.com>";
    private static final String[] SCOPES = {"api", "web", "lib"};
    private static final String[] DIRS = {"services/api", "services/web", "lib"};
    private static final String[] VERBS = {"handle", "validate", "cache", "retry", "log", "parse", "render", "stream"};
    private static final String[] NOUNS = {
        "empty tokens",
        "timeouts",
        "the user list",
        "session cookies",
        "rate limits",
        "locale fallbacks",
        "the search index",
        "upload sizes",
        "date headers",
        "cart totals"
    };
    private static final String[] DEPS = {"jackson", "netty", "slf4j", "guava", "react", "webpack"};
    private static final String[] SENTENCES = {
        "The old behaviour surprised users on slow networks.",
        "Found while profiling the nightly load test.",
        "Keeps the public interface as it was.",
        "Follows the discussion in the design review.",
        "Covers the case that the support team reported."
    };
    private static final String[] TAIL = {
        "fix(api): keep the retry budget per request",
        "docs: explain the release tags",
        "feat(web): show the next release on the dashboard",
        "chore(deps): bump slf4j to 2.0.13",
        "refactor(lib): split the version parser"
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

    private HistoryGenerator(Random random, OutputStream out) {
        this.random = random;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String dir = null;
        int commits = 27000, tagCount = 12000, mergesEvery = 50;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--dir" -> dir = value;
                case "--commits" -> commits = Integer.parseInt(value);
                case "--tags" -> tagCount = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--merges-every" -> mergesEvery = Integer.parseInt(value);
                default ->
                    fail("unknown argument " + args[i]
                            + "\nusage: HistoryGenerator --dir DIR --commits N --tags N [--seed N] [--merges-every N]");
            }
            i++;
        }
        int released = commits - TAIL.length;
        if (dir == null) fail("--dir is required");
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
            for (String header : TAIL) g.commit(header + "\n", "services/web", "refs/heads/main", null, null);
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
                int fork = mainTip;
                write("reset refs/heads/topic\nfrom :" + fork + "\n\n");
                for (int i = 0; i < side; i++) plain(false, false, "refs/heads/topic");
                int sideTip = made;
                plain(tagMerge && pending() == 0, false, "refs/heads/main");
                merges++;
                commit("Merge branch 'topic-" + merges + "'\n", "lib", "refs/heads/main", null, sideTip);
                record(0, null);
            } else {
                boolean tagNext = tags < tagCount && made + 1 >= position(tags, released, tagCount);
                plain(tagNext && pending() == 0, !tagNext, "refs/heads/main");
            }
            if (tags < tagCount && made >= position(tags, released, tagCount)) tag();
        }
        if (tags != tagCount) fail("only " + tags + " of " + tagCount + " tags fit: lower --tags or raise --commits");
    }

    private static long position(int tag, int released, int tagCount) {
        return (long) (tag + 1) * released / tagCount;
    }

    /** One ordinary commit; {@code forceFix} makes it release a patch, {@code mayRevert} lets it be a revert. */
    private void plain(boolean forceFix, boolean mayRevert, String ref) throws IOException {
        if (mayRevert && revertable != null && random.nextInt(100) < 2) {
            String message = "Revert \"" + revertable + "\"\n\n" + pick(SENTENCES) + "\n\nRefs: #" + issue() + "\n";
            commit(message, pick(DIRS), ref, null, null);
            lastBump = 0; // the pair cancels out: neither the revert nor the reverted commit releases anything
            revertable = null;
            return;
        }
        int roll = forceFix ? 0 : random.nextInt(100);
        int area = random.nextInt(SCOPES.length);
        String dir = DIRS[area], header;
        int bump = 0;
        if (roll < 38) {
            header = "fix(" + SCOPES[area] + "): " + pick(VERBS) + " " + pick(NOUNS);
            bump = 1;
        } else if (roll < 58) {
            header = "feat(" + SCOPES[area] + "): " + pick(VERBS) + " " + pick(NOUNS);
            bump = 2;
        } else if (roll < 70) {
            header = "docs: describe how to " + pick(VERBS) + " " + pick(NOUNS);
            dir = "docs";
        } else if (roll < 80) {
            header = "chore(deps): bump " + pick(DEPS) + " to " + random.nextInt(9) + "." + random.nextInt(30) + ".0";
        } else if (roll < 93) {
            header = "refactor: " + pick(VERBS) + " " + pick(NOUNS) + " in one place";
        } else {
            header = "perf(" + SCOPES[area] + "): " + pick(VERBS) + " " + pick(NOUNS) + " faster";
            bump = 1;
        }
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
        commit(message.toString(), dir, ref, null, null);
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
        int bump = pending();
        if (tags > 0 && bump == 0) throw new IllegalStateException("nothing to release at commit " + made);
        if (tags > 0 && bump == 3) {
            major++;
            minor = 0;
            patch = 0;
        } else if (tags > 0 && bump == 2) {
            minor++;
            patch = 0;
        } else if (tags > 0) {
            patch++;
        }
        write("reset refs/tags/v" + major + "." + minor + "." + patch + "\nfrom :" + mainTip + "\n\n");
        tags++;
        pendingBefore = 0;
        lastBump = 0;
        revertable = null;
    }

    /** Writes a commit that changes one small file under {@code dir}; {@code merge} is a mark or null. */
    private void commit(String message, String dir, String ref, Integer from, Integer merge) throws IOException {
        made++;
        long when = START + 60L * (made - 1);
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(256)
                .append("commit ")
                .append(ref)
                .append("\nmark :")
                .append(made)
                .append("\nauthor ")
                .append(AUTHOR)
                .append(' ')
                .append(when)
                .append(" +0000\ncommitter ")
                .append(AUTHOR)
                .append(' ')
                .append(when)
                .append(" +0000\ndata ")
                .append(text.length)
                .append('\n');
        write(s.toString());
        out.write(text);
        s.setLength(0);
        if (from != null) s.append("from :").append(from).append('\n');
        if (merge != null) s.append("merge :").append(merge).append('\n');
        String content = "change " + made + "\n";
        s.append("M 100644 inline ")
                .append(dir)
                .append("/part-")
                .append(random.nextInt(6))
                .append(".txt\ndata ")
                .append(content.length())
                .append('\n')
                .append(content)
                .append('\n');
        write(s.toString());
        if (ref.equals("refs/heads/main")) mainTip = made;
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
