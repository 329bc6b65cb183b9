package dev.gantry.flags.sdk.json;

/**
 * Bounds on what the parser accepts, so a hostile or broken document costs bounded memory and stack.
 *
 * @param maxChars longest document, in UTF-16 characters
 * @param maxDepth deepest nesting of objects and arrays
 */
public record JsonLimits(int maxChars, int maxDepth) {

    /** 64 MiB of text and 64 levels: an Unleash state document nests six levels deep. */
    public static final JsonLimits DEFAULT = new JsonLimits(64 * 1024 * 1024, 64);

    public JsonLimits {
        if (maxChars < 1 || maxDepth < 1) {
            throw new IllegalArgumentException(
                    "limits must be positive, got " + maxChars + " chars, depth " + maxDepth);
        }
    }
}
