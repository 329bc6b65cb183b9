package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.NameCharacters;
import dev.gantry.binding.Required;
import dev.gantry.version.Version;
import java.time.Duration;
import java.util.Optional;

/** A feature flag the release brings or depends on. */
@Doc("A feature flag of the release")
public record Flag(
        @Required
                @Doc(
                        "The flag's key, such as ENABLE_2FA or new-checkout: 1 to 100 letters, digits, \".\", \"_\", \"~\" or \"-\", starting with a letter or digit")
                String name,
        @Doc("release (default), operational, permission, experiment or kill-switch") FlagType type,
        @Doc("Its state until it is turned on: false (default) or true") boolean enabled,
        @Doc("What it guards") String description,
        @Doc("Who owns it") String owner,
        @Doc("The version that introduces it, such as 2.4.0: its lifetime counts from that release's 100% rollout")
                String release,
        @Doc("How long after that rollout it is to be removed; 14d for release flags and 28d for experiments"
                        + " when absent, kept for good for the other types")
                Duration removeAfter) {

    /** The longest name a flag may have. */
    public static final int NAME_MAX = 100;

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]*");

    public Flag {
        if (name != null) checkName(name);
        type = type == null ? FlagType.RELEASE : type;
        // A version that no run can have would leave the flag's lifetime never started, and the flag never stale.
        if (release != null) {
            String version = release.strip();
            try {
                Version.parse(version.startsWith("v") ? version.substring(1) : version);
            } catch (IllegalArgumentException e) {
                throw new InvalidValue("release", "the version that introduces the flag: " + e.getMessage());
            }
        }
        if (removeAfter != null && removeAfter.isNegative())
            throw new InvalidValue("removeAfter", "a lifetime cannot be negative");
    }

    /**
     * Unleash's SDKs and API put a flag's name in URLs: it is 1 to {@value #NAME_MAX} of the characters a URL path
     * takes as they are, starting with a letter or a digit.
     */
    private static void checkName(String name) {
        String rule = "a flag's name is 1 to " + NAME_MAX + " letters, digits, \".\", \"_\", \"~\" or \"-\", starting"
                + " with a letter or digit, as Unleash needs names fit for URLs";
        if (name.length() > NAME_MAX) throw new InvalidValue("name", rule + "; got " + name.length() + " characters");
        Optional<String> hidden = NameCharacters.refusal(name);
        // A character that hides or reorders text is named, not printed.
        if (hidden.isPresent()) throw new InvalidValue("name", rule + "; " + hidden.get());
        if (!NAME.matcher(name).matches()) throw new InvalidValue("name", rule + "; got \"" + name + "\"");
    }

    /** A flag as plans declared it before they named its release. */
    public Flag(String name, FlagType type, boolean enabled, String description, String owner) {
        this(name, type, enabled, description, owner, null, null);
    }

    /** How long after its release's full rollout the flag is to be removed; empty for a flag kept for good. */
    public Optional<Duration> lifetime() {
        return removeAfter != null ? Optional.of(removeAfter) : type.lifetime();
    }

    /** The version that introduces it, without a leading {@code v}. */
    public Optional<String> introducedIn() {
        if (release == null || release.isBlank()) return Optional.empty();
        String version = release.strip();
        return Optional.of(version.startsWith("v") ? version.substring(1) : version);
    }
}
