package dev.gantry.version;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code versioning:} part of the plan file.
 *
 * @param tagPattern how release tags are named; {@code v{version}} by default
 * @param releaseRules custom rules tried before the defaults, first match wins
 * @param zeroMajor how versions below 1.0.0 move
 * @param initialVersion the first version when no release tag exists yet
 * @param channel a pre-release channel such as {@code rc} or {@code beta}; null for stable releases
 * @param hotfixBranches branch globs whose patch releases are hotfixes
 */
public record Versioning(
        TagPattern tagPattern,
        List<ReleaseRule> releaseRules,
        ZeroMajor zeroMajor,
        Version initialVersion,
        String channel,
        List<String> hotfixBranches) {

    public static final Versioning DEFAULTS = new Versioning(null, List.of(), null, null, null, null);

    public Versioning {
        tagPattern = tagPattern == null ? TagPattern.DEFAULT : tagPattern;
        releaseRules = releaseRules == null ? List.of() : List.copyOf(releaseRules);
        zeroMajor = zeroMajor == null ? ZeroMajor.SEMVER : zeroMajor;
        initialVersion = initialVersion == null ? Version.of(1, 0, 0) : initialVersion;
        if (initialVersion.isPreRelease()) {
            throw new IllegalArgumentException(
                    "initialVersion must be a stable version like 1.0.0 or 0.1.0, got \"" + initialVersion + "\"");
        }
        if (channel != null && !channel.matches("[0-9A-Za-z-]+")) {
            throw new IllegalArgumentException(
                    "channel must be one pre-release identifier like rc or beta, got \"" + channel + "\"");
        }
        hotfixBranches = hotfixBranches == null ? List.of("hotfix/*", "hotfix-*") : List.copyOf(hotfixBranches);
    }

    public Versioning withChannel(String newChannel) {
        return new Versioning(tagPattern, releaseRules, zeroMajor, initialVersion, newChannel, hotfixBranches);
    }

    public Versioning withTagPattern(TagPattern pattern) {
        return new Versioning(pattern, releaseRules, zeroMajor, initialVersion, channel, hotfixBranches);
    }

    public boolean isHotfixBranch(String branch) {
        return hotfixBranches.stream().anyMatch(glob -> branch.matches(globRegex(glob)));
    }

    private static String globRegex(String glob) {
        return Pattern.quote(glob).replace("*", "\\E.*\\Q");
    }
}
