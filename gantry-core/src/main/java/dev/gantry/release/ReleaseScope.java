package dev.gantry.release;

import dev.gantry.version.TagPatterns;
import java.util.List;

/**
 * What is being released: the commit, the tags that name its releases, and the paths it owns.
 *
 * @param ref the commit being released (HEAD, a branch, a tag or a hash)
 * @param recompute treat {@code ref} as being released now: tags pointing at it are ignored
 * @param tags the tag patterns of its releases; new tags take the first
 * @param paths the paths a component owns; empty for the whole repository
 * @param hotfix declared a hotfix ({@code --hotfix}); a hotfix branch also makes one
 */
public record ReleaseScope(String ref, boolean recompute, TagPatterns tags, List<String> paths, boolean hotfix) {

    public ReleaseScope {
        paths = List.copyOf(paths);
    }
}
