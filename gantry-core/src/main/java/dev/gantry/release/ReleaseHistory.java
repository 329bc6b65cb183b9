package dev.gantry.release;

import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.commits.Commit;
import dev.gantry.git.GitException;
import dev.gantry.git.GitRepository;
import dev.gantry.git.TagRef;
import dev.gantry.version.Bump;
import dev.gantry.version.Contribution;
import dev.gantry.version.Contributions;
import dev.gantry.version.NextVersion;
import dev.gantry.version.ReleaseTag;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.TagPattern;
import dev.gantry.version.UnmatchedTags;
import dev.gantry.version.Version;
import dev.gantry.version.VersionConflict;
import dev.gantry.version.VersionDecision;
import dev.gantry.version.Versioning;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads releases from git: the last one before a commit, the next one, and every past one. */
public final class ReleaseHistory {

    private final GitRepository repo;

    public ReleaseHistory(GitRepository repo) {
        this.repo = repo;
    }

    public GitRepository repository() {
        return repo;
    }

    /** Decides the next version for {@code scope}: the last stable release reachable from it, then the commits since. */
    public VersionDecision next(Versioning policy, ReleaseScope scope) {
        requireFullHistory();
        String commit = repo.resolve(scope.ref());
        List<ReleaseTag> reachable =
                releaseTags(repo.tagsMergedInto(commit, scope.tags().refGlobs()), scope);
        List<ReleaseTag> onRef =
                reachable.stream().filter(t -> t.commit().equals(commit)).toList();
        if (scope.recompute()) {
            reachable.removeAll(onRef);
        }
        Optional<ReleaseTag> lastStable = reachable.stream()
                .filter(t -> !t.version().isPreRelease())
                .max(Comparator.comparing(ReleaseTag::version));
        List<Commit> commits = repo.log(lastStable.map(ReleaseTag::commit), commit, scope.paths());

        Set<Version> tagged = new HashSet<>();
        Set<String> alreadyOnChannel = Set.of();
        String channel = policy.channel();
        if (channel != null) {
            // Recomputing a past pre-release numbers it from the tags it could see, not from later ones.
            boolean pastPreRelease =
                    scope.recompute() && onRef.stream().anyMatch(t -> isOnChannel(t.version(), channel));
            List<ReleaseTag> numbering = pastPreRelease
                    ? reachable
                    : releaseTags(repo.tags(scope.tags().refGlobs()), scope);
            numbering.forEach(t -> tagged.add(t.version()));
            Optional<ReleaseTag> lastOnChannel = reachable.stream()
                    .filter(t -> isOnChannel(t.version(), channel))
                    .filter(t -> lastStable.isEmpty()
                            || t.version().compareTo(lastStable.get().version()) > 0)
                    .max(Comparator.comparing(ReleaseTag::version));
            if (lastOnChannel.isPresent()) {
                alreadyOnChannel = repo.revList(lastOnChannel.get().commit(), lastStable.map(ReleaseTag::commit));
            }
        }
        boolean hotfix = scope.hotfix()
                || (!scope.recompute()
                        && repo.currentBranch().map(policy::isHotfixBranch).orElse(false));
        // Without a release of its own the version starts over; say so when the tags here follow another pattern.
        Optional<UnmatchedTags> unmatched = lastStable.isPresent()
                ? Optional.empty()
                : UnmatchedTags.of(
                        scope.tags(),
                        repo.tags(List.of("refs/tags")).stream()
                                .map(TagRef::name)
                                .toList());
        var input = new NextVersion.Input(commits, lastStable, tagged, alreadyOnChannel, hotfix, unmatched);
        VersionDecision decision = NextVersion.decide(input, policy.withTags(scope.tags()));
        decision.next().ifPresent(v -> refuseTaken(v, scope, commit));
        return decision;
    }

    /**
     * A version already tagged on a commit this one does not contain cannot be released again; nor can a
     * pre-release of a version already released, unless a past pre-release is being recomputed.
     */
    private void refuseTaken(Version next, ReleaseScope scope, String commit) {
        List<Version> taken = next.isPreRelease() && !scope.recompute() ? List.of(next, next.core()) : List.of(next);
        for (Version version : taken) {
            for (TagPattern pattern : scope.tags().all()) {
                String tag = pattern.format(version);
                repo.tagCommit(tag).filter(c -> !c.equals(commit)).ifPresent(c -> {
                    throw new VersionConflict(scope.ref() + " would release " + next + ", but " + tag
                            + " already tags commit " + c.substring(0, 7) + ", which " + scope.ref()
                            + " does not contain");
                });
            }
        }
    }

    /** A shallow clone hides the tags and commits a version is decided from. */
    private void requireFullHistory() {
        if (repo.isShallow()) {
            throw new GitException(repo.root() + " is a shallow clone, so its release tags may be missing;"
                    + " run: git fetch --unshallow --tags");
        }
    }

    /**
     * Every stable release reachable from {@code scope.ref()}, newest first, each with the commits it brought:
     * those reachable from its tag and from no earlier release. Commits after the newest tag are left out.
     */
    public List<Release> releases(ReleaseScope scope) {
        requireFullHistory();
        String head = repo.resolve(scope.ref());
        List<ReleaseTag> tags =
                releaseTags(repo.tagsMergedInto(head, scope.tags().refGlobs()), scope);
        tags.removeIf(t -> t.version().isPreRelease());
        tags.sort(Comparator.comparing(ReleaseTag::version));

        List<Commit> all = repo.log(Optional.empty(), head, List.of());
        Map<String, Commit> byHash = new HashMap<>(all.size() * 2);
        Map<String, Integer> order = new HashMap<>(all.size() * 2);
        for (int i = 0; i < all.size(); i++) {
            byHash.put(all.get(i).hash(), all.get(i));
            order.put(all.get(i).hash(), i);
        }
        Set<String> owned = scope.paths().isEmpty() ? null : repo.touching(head, scope.paths());

        Set<String> visited = new HashSet<>();
        List<Release> releases = new ArrayList<>();
        ReleaseTag previous = null;
        for (ReleaseTag tag : tags) {
            if (visited.contains(tag.commit())) {
                continue; // a second tag on an already released commit brings nothing new
            }
            List<Commit> brought = collect(tag.commit(), byHash, visited);
            if (owned != null) brought.removeIf(c -> !owned.contains(c.hash()));
            brought.sort(Comparator.comparing(c -> order.get(c.hash())));
            Commit tagged = byHash.get(tag.commit());
            releases.add(new Release(tag, Optional.ofNullable(previous), tagged.date(), brought));
            previous = tag;
        }
        Collections.reverse(releases);
        return releases;
    }

    /** The release {@code scope} would make now, with its changes; empty when there is nothing to release. */
    public Optional<Draft> draft(Versioning policy, ReleaseScope scope, LocalDate date) {
        VersionDecision decision = next(policy, scope);
        if (decision.next().isEmpty()) return Optional.empty();
        Version version = decision.next().get();
        ReleaseChanges changes = ReleaseChanges.of(
                version.toString(),
                date,
                decision.lastRelease().map(ReleaseTag::name),
                Optional.of(scope.tags().format(version)),
                decision.contributions());
        return Optional.of(new Draft(decision, changes));
    }

    /**
     * The release tagged {@code tag} as it was made: the commits since the stable release before it, versioned as
     * the tag says. Its type follows from the two versions (from the commits' bump for a first release); its date is
     * the tagged commit's unless {@code date} is given.
     */
    public Draft released(Versioning policy, ReleaseScope scope, String tag, Optional<LocalDate> date) {
        requireFullHistory();
        Version version = scope.tags()
                .versionOf(tag)
                .orElseThrow(
                        () -> new IllegalArgumentException("\"" + tag + "\" is not a release tag; expected one like "
                                + scope.tags().format(Version.of(1, 4, 0))));
        String commit = repo.tagCommit(tag)
                .orElseThrow(() -> new IllegalArgumentException("there is no tag \"" + tag + "\" in " + repo.root()));
        Optional<ReleaseTag> previous =
                releaseTags(repo.tagsMergedInto(commit, scope.tags().refGlobs()), scope).stream()
                        .filter(t -> !t.commit().equals(commit))
                        .filter(t -> !t.version().isPreRelease())
                        .filter(t -> t.version().compareTo(version) < 0)
                        .max(Comparator.comparing(ReleaseTag::version));
        Optional<String> from = previous.map(ReleaseTag::commit);
        List<Commit> all = repo.log(from, commit, List.of());
        List<Commit> commits = scope.paths().isEmpty() ? all : repo.log(from, commit, scope.paths());
        List<Contribution> contributions = Contributions.of(commits, policy);
        Bump bump = previous.map(p -> bumpBetween(p.version(), version))
                .orElse(contributions.stream().map(Contribution::bump).reduce(Bump.NONE, Bump::max));
        LocalDate day = date.orElseGet(() -> all.stream()
                .filter(c -> c.hash().equals(commit))
                .findFirst()
                .map(c -> c.date().atZone(ZoneOffset.UTC).toLocalDate())
                .orElseThrow());
        ReleaseChanges changes = ReleaseChanges.of(
                version.toString(), day, previous.map(ReleaseTag::name), Optional.of(tag), contributions);
        VersionDecision decision = new VersionDecision(
                Optional.of(version),
                bump,
                ReleaseType.of(bump, false),
                previous,
                contributions,
                List.of(),
                Optional.empty());
        return new Draft(decision, changes);
    }

    private static Bump bumpBetween(Version previous, Version version) {
        if (version.major() != previous.major()) return Bump.MAJOR;
        if (version.minor() != previous.minor()) return Bump.MINOR;
        return Bump.PATCH;
    }

    /** Every past release's changes, newest first. */
    public List<ReleaseChanges> pastChanges(Versioning policy, ReleaseScope scope) {
        List<ReleaseChanges> all = new ArrayList<>();
        for (Release release : releases(scope)) {
            all.add(ReleaseChanges.of(
                    release.tag().version().toString(),
                    release.date().atZone(ZoneOffset.UTC).toLocalDate(),
                    release.previous().map(ReleaseTag::name),
                    Optional.of(release.tag().name()),
                    Contributions.of(release.commits(), policy)));
        }
        return all;
    }

    /**
     * The changes between two commits, titled by the tag at {@code to} when it names a release (a stable
     * one before a pre-release); empty when the range holds no commit.
     */
    public Optional<ReleaseChanges> between(Versioning policy, ReleaseScope scope, String from, String to) {
        requireFullHistory();
        String toCommit = repo.resolve(to);
        List<Commit> commits = repo.log(Optional.of(repo.resolve(from)), toCommit, scope.paths());
        if (commits.isEmpty()) return Optional.empty();
        Optional<ReleaseTag> tagAtTo =
                releaseTags(repo.tagsMergedInto(toCommit, scope.tags().refGlobs()), scope).stream()
                        .filter(t -> t.commit().equals(toCommit))
                        .max(Comparator.comparing((ReleaseTag t) -> !t.version().isPreRelease())
                                .thenComparing(ReleaseTag::version));
        Instant date = commits.get(0).date();
        return Optional.of(ReleaseChanges.of(
                tagAtTo.map(t -> t.version().toString()).orElse(ReleaseChanges.UNRELEASED),
                date.atZone(ZoneOffset.UTC).toLocalDate(),
                scope.tags().versionOf(from).isPresent() ? Optional.of(from) : Optional.empty(),
                tagAtTo.map(ReleaseTag::name),
                Contributions.of(commits, policy)));
    }

    private static List<Commit> collect(String start, Map<String, Commit> byHash, Set<String> visited) {
        List<Commit> found = new ArrayList<>();
        List<String> stack = new ArrayList<>(List.of(start));
        while (!stack.isEmpty()) {
            String hash = stack.remove(stack.size() - 1);
            if (!visited.add(hash)) continue;
            Commit commit = byHash.get(hash);
            if (commit == null) continue;
            found.add(commit);
            stack.addAll(commit.parents());
        }
        return found;
    }

    private static List<ReleaseTag> releaseTags(List<TagRef> refs, ReleaseScope scope) {
        List<ReleaseTag> tags = new ArrayList<>();
        for (TagRef ref : refs) {
            scope.tags().versionOf(ref.name()).ifPresent(v -> tags.add(new ReleaseTag(ref.name(), v, ref.commit())));
        }
        return tags;
    }

    private static boolean isOnChannel(Version version, String channel) {
        return version.isPreRelease() && version.preRelease().get(0).equals(channel);
    }
}
