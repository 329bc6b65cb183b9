package dev.gantry.release;

import dev.gantry.commits.Commit;
import dev.gantry.git.GitRepository;
import dev.gantry.git.TagRef;
import dev.gantry.version.NextVersion;
import dev.gantry.version.ReleaseTag;
import dev.gantry.version.Version;
import dev.gantry.version.VersionDecision;
import dev.gantry.version.Versioning;
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
        String commit = repo.resolve(scope.ref());
        List<ReleaseTag> reachable =
                releaseTags(repo.tagsMergedInto(commit, scope.tagPattern().refGlob()), scope);
        if (scope.recompute()) {
            reachable.removeIf(tag -> tag.commit().equals(commit));
        }
        Optional<ReleaseTag> lastStable = reachable.stream()
                .filter(t -> !t.version().isPreRelease())
                .max(Comparator.comparing(ReleaseTag::version));
        List<Commit> commits = repo.log(lastStable.map(ReleaseTag::commit), commit, scope.paths());

        Set<Version> tagged = new HashSet<>();
        Set<String> alreadyOnChannel = Set.of();
        String channel = policy.channel();
        if (channel != null) {
            releaseTags(repo.tags(scope.tagPattern().refGlob()), scope).forEach(t -> tagged.add(t.version()));
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
        var input = new NextVersion.Input(commits, lastStable, tagged, alreadyOnChannel, hotfix);
        return NextVersion.decide(input, policy.withTagPattern(scope.tagPattern()));
    }

    /**
     * Every stable release reachable from {@code scope.ref()}, newest first, each with the commits it brought:
     * those reachable from its tag and from no earlier release. Commits after the newest tag are left out.
     */
    public List<Release> releases(ReleaseScope scope) {
        String head = repo.resolve(scope.ref());
        List<ReleaseTag> tags =
                releaseTags(repo.tagsMergedInto(head, scope.tagPattern().refGlob()), scope);
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
            scope.tagPattern()
                    .versionOf(ref.name())
                    .ifPresent(v -> tags.add(new ReleaseTag(ref.name(), v, ref.commit())));
        }
        return tags;
    }

    private static boolean isOnChannel(Version version, String channel) {
        return version.isPreRelease() && version.preRelease().get(0).equals(channel);
    }
}
