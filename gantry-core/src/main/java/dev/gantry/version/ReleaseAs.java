package dev.gantry.version;

import dev.gantry.commits.Footer;
import dev.gantry.commits.ParsedMessage;
import java.util.Optional;

/**
 * The version a commit forces with a {@code Release-As:} footer. The commit parser keeps the footer as text and
 * knows no versions: versions are decided from commits, not the other way round.
 */
final class ReleaseAs {

    private ReleaseAs() {}

    /**
     * The version of the last {@code Release-As:} footer, with or without a leading "v"; empty when there is no such
     * footer or the last one is not a version.
     */
    static Optional<Version> of(ParsedMessage message) {
        Optional<Version> forced = Optional.empty();
        for (Footer footer : message.footers()) {
            if (footer.token().equalsIgnoreCase("Release-As")) {
                forced = Version.tryParse(footer.value().strip().replaceFirst("^v", ""));
            }
        }
        return forced;
    }
}
