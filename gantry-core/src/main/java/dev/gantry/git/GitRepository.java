package dev.gantry.git;

import dev.gantry.commits.Commit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The few questions Gantry asks of a git repository, answered by git's plumbing. */
public final class GitRepository {

    private static final char FIELD = '\u001f';

    private final Path root;
    private final GitCli git;

    private GitRepository(Path root) {
        this.root = root;
        this.git = new GitCli(root);
    }

    /**
     * Clones {@code source}, a path or a URL git can fetch, into {@code folder}, which must not exist yet, and opens
     * the clone: the copy of a repository that a server keeps of each repository it coordinates.
     */
    public static GitRepository cloneOf(String source, Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target.getParent());
        } catch (java.io.IOException e) {
            throw new GitException("cannot make the folder of " + target + ": " + e.getMessage(), e);
        }
        new GitCli(target.getParent()).run("clone", "--quiet", "--", source, target.toString());
        return open(target);
    }

    /** The text of the file at {@code path} in {@code commit}; empty when the commit has no such file. */
    public Optional<String> fileAt(String commit, String path) {
        GitCli.Result shown = git.tryRun("show", commit + ":" + path);
        return shown.exitCode() == 0 ? Optional.of(shown.out()) : Optional.empty();
    }

    /**
     * Brings a clone made by {@link #cloneOf} to its origin's default branch and tags, as they are now. Files git
     * ignores, such as the state folder, are kept.
     */
    public void update() {
        // No --prune: with --tags it would delete the release tags made in the clone that the origin lacks.
        git.run("fetch", "--quiet", "--tags", "--force", "origin");
        git.run("reset", "--hard", "--quiet", "origin/HEAD");
    }

    /** Opens the repository that holds {@code dir}; fails with a clear message when there is none. */
    public static GitRepository open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new GitException("no such directory: " + dir);
        }
        GitCli.Result top = new GitCli(dir).tryRun("rev-parse", "--show-toplevel");
        if (top.exitCode() != 0) {
            throw new GitException(dir + " is not inside a git repository");
        }
        return new GitRepository(Path.of(top.out().strip()));
    }

    public Path root() {
        return root;
    }

    /** The full hash of the commit {@code ref} names. */
    public String resolve(String ref) {
        GitCli.Result result = git.tryRun("rev-parse", "--verify", "--quiet", ref + "^{commit}");
        if (result.exitCode() != 0 && ref.equals("HEAD") && isEmpty()) {
            throw new GitException(root + " has no commits yet: there is nothing to release");
        }
        if (result.exitCode() != 0) {
            throw new GitException("unknown revision \"" + ref + "\": no commit, branch or tag of that name");
        }
        return result.out().strip();
    }

    /** The commit a tag points at (peeled), or empty when there is no such tag. */
    public Optional<String> tagCommit(String tag) {
        GitCli.Result result = git.tryRun("rev-parse", "--verify", "--quiet", "refs/tags/" + tag + "^{commit}");
        return result.exitCode() == 0 ? Optional.of(result.out().strip()) : Optional.empty();
    }

    /** True for a shallow clone, whose history stops before its first commit. */
    public boolean isShallow() {
        return git.run("rev-parse", "--is-shallow-repository").strip().equals("true");
    }

    /** True when the repository has no commit yet. */
    public boolean isEmpty() {
        return git.tryRun("rev-parse", "--verify", "--quiet", "HEAD^{commit}").exitCode() != 0;
    }

    /** git's {@code user.name}, if set: who runs Gantry here. */
    public Optional<String> userName() {
        GitCli.Result result = git.tryRun("config", "user.name");
        String name = result.out().strip();
        return result.exitCode() == 0 && !name.isEmpty() ? Optional.of(name) : Optional.empty();
    }

    /** The author name of {@code commit}. */
    public String authorOf(String commit) {
        return git.run("log", "-1", "--format=%an", commit).strip();
    }

    /**
     * The name and e-mail of the author of every commit reachable from {@code to} and not from {@code from}
     * (every commit up to {@code to} when {@code from} is empty), each pair once.
     */
    public List<List<String>> authors(Optional<String> from, String to) {
        List<List<String>> authors = new ArrayList<>();
        String range = from.map(f -> f + ".." + to).orElse(to);
        for (String line : git.run("log", "--format=%an%x1f%ae", range).split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split(String.valueOf(FIELD), 2);
            List<String> author = List.of(f[0].strip(), f.length > 1 ? f[1].strip() : "");
            if (!authors.contains(author)) authors.add(author);
        }
        return authors;
    }

    /** Tags under any of {@code refGlobs} whose commit is reachable from {@code commit} (itself included). */
    public List<TagRef> tagsMergedInto(String commit, List<String> refGlobs) {
        return tags("--merged=" + commit, refGlobs);
    }

    /** Every tag under any of {@code refGlobs}, reachable or not. */
    public List<TagRef> tags(List<String> refGlobs) {
        return tags(null, refGlobs);
    }

    private List<TagRef> tags(String mergedFilter, List<String> refGlobs) {
        List<String> args = new ArrayList<>(
                List.of("for-each-ref", "--format=%(refname:lstrip=2)%1f%(objectname)%1f%(*objectname)"));
        if (mergedFilter != null) args.add(mergedFilter);
        args.addAll(refGlobs);
        List<TagRef> tags = new ArrayList<>();
        for (String line : git.run(args.toArray(String[]::new)).split("\n")) {
            if (line.isEmpty()) continue;
            String[] f = line.split(String.valueOf(FIELD), -1);
            tags.add(new TagRef(f[0], f.length > 2 && !f[2].isEmpty() ? f[2] : f[1]));
        }
        return tags;
    }

    /**
     * The commits reachable from {@code to} and not from {@code from} (everything when {@code from} is empty),
     * newest first, limited to those touching {@code paths} when any are given.
     */
    public List<Commit> log(Optional<String> from, String to, List<String> paths) {
        List<String> args = new ArrayList<>(List.of("log", "-z", "--format=%H%x1f%P%x1f%cI%x1f%an%x1f%B"));
        args.add(from.map(f -> f + ".." + to).orElse(to));
        if (!paths.isEmpty()) {
            args.add("--");
            args.addAll(paths);
        }
        List<Commit> commits = new ArrayList<>();
        for (String record : git.run(args.toArray(String[]::new)).split("\0")) {
            String entry = record.startsWith("\n") ? record.substring(1) : record;
            if (entry.isEmpty()) continue;
            String[] f = entry.split(String.valueOf(FIELD), 5);
            List<String> parents = f[1].isEmpty() ? List.of() : List.of(f[1].split(" "));
            commits.add(Commit.of(f[0], parents, OffsetDateTime.parse(f[2]).toInstant(), f[3], f[4]));
        }
        return commits;
    }

    /** Hashes of the commits reachable from {@code to} and not from {@code from}. */
    public Set<String> revList(String to, Optional<String> from) {
        List<String> args = new ArrayList<>(List.of("rev-list", to));
        from.ifPresent(f -> args.add("^" + f));
        Set<String> hashes = new HashSet<>();
        for (String line : git.run(args.toArray(String[]::new)).split("\n")) {
            if (!line.isEmpty()) hashes.add(line);
        }
        return hashes;
    }

    /** Hashes of the commits that touch {@code paths}, reachable from {@code to}. */
    public Set<String> touching(String to, List<String> paths) {
        List<String> args = new ArrayList<>(List.of("rev-list", to, "--"));
        args.addAll(paths);
        Set<String> hashes = new HashSet<>();
        for (String line : git.run(args.toArray(String[]::new)).split("\n")) {
            if (!line.isEmpty()) hashes.add(line);
        }
        return hashes;
    }

    /**
     * The local branches, then origin's remote-tracking branches, that contain {@code commit}: {@code main},
     * {@code origin/release/1.4}. Symbolic refs such as origin/HEAD are left out.
     */
    public List<String> branchesContaining(String commit) {
        List<String> branches = new ArrayList<>();
        String out = git.run(
                "for-each-ref",
                "--contains=" + commit,
                "--format=%(refname)%1f%(symref)",
                "refs/heads/",
                "refs/remotes/origin/");
        for (String line : out.split("\n")) {
            String[] f = line.split(String.valueOf(FIELD), -1);
            if (line.isEmpty() || (f.length > 1 && !f[1].isEmpty())) continue;
            branches.add(
                    f[0].startsWith("refs/heads/")
                            ? f[0].substring("refs/heads/".length())
                            : f[0].substring("refs/remotes/".length()));
        }
        return branches;
    }

    /**
     * The paths of the work tree with changes not committed: staged, unstaged and untracked (an untracked folder
     * as one path ending in /); a rename gives both its paths.
     */
    public List<String> uncommittedPaths() {
        List<String> paths = new ArrayList<>();
        String[] entries = git.run("status", "--porcelain=v1", "-z", "--untracked-files=normal")
                .split("\0");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.length() < 4) continue;
            paths.add(entry.substring(3));
            // With -z the source of a rename or copy follows as an entry of its own.
            String status = entry.substring(0, 2);
            if ((status.contains("R") || status.contains("C")) && i + 1 < entries.length) paths.add(entries[++i]);
        }
        return paths;
    }

    /**
     * The files that differ between {@code from} and {@code to}, renames as both their paths; every file of
     * {@code to} when {@code from} is empty.
     */
    public List<String> changedFiles(Optional<String> from, String to) {
        // The empty tree, asked of git so that SHA-256 repositories get theirs.
        String base = from.orElseGet(
                () -> git.run("hash-object", "-t", "tree", "--stdin").strip());
        List<String> files = new ArrayList<>();
        for (String path : git.run("diff-tree", "-r", "--name-only", "-z", "--no-renames", base, to)
                .split("\0")) {
            if (!path.isEmpty()) files.add(path);
        }
        return files;
    }

    /** How a search reads its patterns. */
    public enum PatternKind {
        /** Each pattern as it is written. */
        FIXED,
        /** POSIX extended regular expressions, as git runs them (no backtracking blow-up). */
        EXTENDED
    }

    /**
     * The lines of the work tree's files, tracked or untracked but not ignored, that match any of
     * {@code patterns}; binary files are skipped, and so are the paths {@code excluded} names (git pathspecs,
     * such as {@code gantry.yaml} or {@code :(glob)**}{@code /CHANGELOG.md}).
     */
    public List<GrepLine> grep(PatternKind kind, List<String> patterns, List<String> excluded) {
        if (patterns.isEmpty()) return List.of();
        List<String> args = new ArrayList<>(List.of(
                "grep",
                "-I",
                "-n",
                "-z",
                "--no-color",
                "--untracked",
                "--full-name",
                kind == PatternKind.FIXED ? "-F" : "-E"));
        for (String pattern : patterns) args.addAll(List.of("-e", pattern));
        args.addAll(List.of("--", "."));
        for (String path : excluded)
            args.add(path.startsWith(":(") ? path.replaceFirst("^:\\(", ":(exclude,") : ":(exclude)" + path);
        GitCli.Result result = git.tryRun(args.toArray(String[]::new));
        // 1 is git grep's "nothing matched".
        if (result.exitCode() == 1 && result.err().isBlank()) return List.of();
        if (result.exitCode() != 0)
            throw new GitException("git grep: exited " + result.exitCode() + ": "
                    + result.err().strip());
        return grepLines(result.out());
    }

    /** Reads {@code path NUL line NUL text LF} records: a path may hold any byte but NUL, a text none but LF. */
    private static List<GrepLine> grepLines(String out) {
        List<GrepLine> lines = new ArrayList<>();
        int at = 0;
        while (at < out.length()) {
            int pathEnd = out.indexOf('\0', at);
            int numberEnd = pathEnd < 0 ? -1 : out.indexOf('\0', pathEnd + 1);
            if (numberEnd < 0) break;
            int textEnd = out.indexOf('\n', numberEnd + 1);
            if (textEnd < 0) textEnd = out.length();
            lines.add(new GrepLine(
                    out.substring(at, pathEnd),
                    Integer.parseInt(out.substring(pathEnd + 1, numberEnd)),
                    out.substring(numberEnd + 1, textEnd)));
            at = textEnd + 1;
        }
        return lines;
    }

    /** The branch HEAD is on, or empty when HEAD is detached. */
    public Optional<String> currentBranch() {
        GitCli.Result result = git.tryRun("symbolic-ref", "--quiet", "--short", "HEAD");
        return result.exitCode() == 0 ? Optional.of(result.out().strip()) : Optional.empty();
    }

    /** The URL of remote {@code origin}, if there is one. */
    public Optional<String> originUrl() {
        GitCli.Result result = git.tryRun("remote", "get-url", "origin");
        return result.exitCode() == 0 ? Optional.of(result.out().strip()) : Optional.empty();
    }

    /**
     * Tags {@code commit} with an annotated tag, unless the tag already names it (a run continued after a crash
     * tags once); a tag of that name on another commit is refused.
     */
    public void tag(String name, String commit, String message) {
        Optional<String> existing = tagCommit(name);
        if (existing.isPresent()) {
            if (existing.get().equals(commit)) return;
            throw new GitException("tag " + name + " already names commit "
                    + existing.get().substring(0, 7) + ", not " + commit.substring(0, 7));
        }
        git.run("tag", "-a", name, "-m", message, commit);
    }

    /**
     * Pushes the tag {@code name} to remote {@code origin}, as it is here: a tag of that name already there on
     * another commit is refused by git, never overwritten.
     *
     * @throws GitException with what git said when the origin cannot be reached or refuses the tag
     */
    public void pushTag(String name) {
        git.run("push", "--quiet", "origin", "refs/tags/" + name + ":refs/tags/" + name);
    }

    /** A remote's URL as a person may read it: any user name and password in it left out. */
    public static String withoutCredentials(String text) {
        return text.replaceAll("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@", "$1");
    }

    /**
     * A working tree of {@code commit} alone at {@code folder}, made afresh: what a run taken up after HEAD moved
     * reads its plan and runs its scripts from, so that nothing of it comes from another commit.
     */
    public Path checkout(String commit, Path folder) {
        removeCheckout(folder);
        git.run("worktree", "add", "--detach", "--force", folder.toString(), commit);
        return folder;
    }

    /** Removes a working tree {@link #checkout} made; nothing when there is none. */
    public void removeCheckout(Path folder) {
        if (Files.exists(folder)) git.tryRun("worktree", "remove", "--force", folder.toString());
        if (Files.exists(folder)) deleteTree(folder); // a folder git no longer knows as a working tree
        git.tryRun("worktree", "prune");
    }

    private static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (java.io.IOException e) {
            throw new GitException("cannot remove the old checkout " + folder + ": " + e, e);
        }
    }
}
