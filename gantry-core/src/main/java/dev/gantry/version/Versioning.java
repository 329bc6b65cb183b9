package dev.gantry.version;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code versioning:} part of the plan file. */
@Doc("How versions are decided from the commits and how releases are tagged")
public record Versioning(
        @Doc("How release tags are named; \"v{version}\" by default. Several: new tags take the first, a tag of"
                        + " any names a past release")
                List<TagPattern> tagPattern,
        @Doc("Rules tried before the defaults, first match wins; only a rule naming breaking lowers a breaking change")
                List<ReleaseRule> releaseRules,
        @Doc(
                        "Below 1.0.0: \"semver\" (default) keeps the usual rules, \"shift\" makes breaking bump the minor and feat the patch")
                ZeroMajor zeroMajor,
        @Doc("The first version when no release tag exists yet; 1.0.0 by default") Version initialVersion,
        @Doc("A pre-release channel such as rc or beta: versions 1.4.0-rc.1, -rc.2, ...") String channel,
        @Doc("Branch globs whose patch releases are hotfixes; hotfix/* and hotfix-* by default")
                List<String> hotfixBranches,
        @Doc("true: each \"* type: ...\" line in the body of a GitHub squash commit counts as a commit of its own;"
                        + " false (default): only the squash commit's title and footers count")
                boolean squashBullets) {

    public static final Versioning DEFAULTS = new Versioning(null, List.of(), null, null, null, null, false);

    public Versioning {
        tagPattern = tagPattern == null || tagPattern.isEmpty() ? List.of(TagPattern.DEFAULT) : List.copyOf(tagPattern);
        TagPatterns.requireDistinct(tagPattern);
        releaseRules = releaseRules == null ? List.of() : List.copyOf(releaseRules);
        zeroMajor = zeroMajor == null ? ZeroMajor.SEMVER : zeroMajor;
        initialVersion = initialVersion == null ? Version.of(1, 0, 0) : initialVersion;
        if (initialVersion.isPreRelease()) {
            throw new InvalidValue(
                    "initialVersion",
                    "initialVersion must be a stable version like 1.0.0 or 0.1.0, got \"" + initialVersion + "\"");
        }
        if (channel != null && !channel.matches("[0-9A-Za-z-]+")) {
            throw new InvalidValue(
                    "channel", "channel must be one pre-release identifier like rc or beta, got \"" + channel + "\"");
        }
        hotfixBranches = hotfixBranches == null ? List.of("hotfix/*", "hotfix-*") : List.copyOf(hotfixBranches);
    }

    public Versioning withChannel(String newChannel) {
        return new Versioning(
                tagPattern, releaseRules, zeroMajor, initialVersion, newChannel, hotfixBranches, squashBullets);
    }

    /** The tag patterns; new tags take the first. */
    public TagPatterns tags() {
        return new TagPatterns(tagPattern);
    }

    public Versioning withTags(TagPatterns tags) {
        return new Versioning(
                tags.all(), releaseRules, zeroMajor, initialVersion, channel, hotfixBranches, squashBullets);
    }

    public boolean isHotfixBranch(String branch) {
        return hotfixBranches.stream().anyMatch(glob -> branch.matches(globRegex(glob)));
    }

    private static String globRegex(String glob) {
        return Pattern.quote(glob).replace("*", "\\E.*\\Q");
    }
}
