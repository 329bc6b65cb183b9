package dev.gantry.gate.checks;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub repository a git remote URL points at: {@code https://github.com/acme/shop.git},
 * {@code git@github.com:acme/shop.git} or {@code ssh://git@github.com/acme/shop}.
 *
 * @param host the server's name, lower case
 * @param repository owner/name
 */
record GitHubRemote(String host, String repository) {

    static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+");

    // The name is matched lazily so that a trailing .git is not part of it.
    private static final String PATH = "/?([A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+?)(?:\\.git)?/?";
    private static final Pattern SCP = Pattern.compile("^(?:[^@/:]+@)?([^/:]+):" + PATH + "$");
    private static final Pattern URL =
            Pattern.compile("^(?:https?|ssh|git)://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/" + PATH + "$");
    private static final Pattern CREDENTIALS = Pattern.compile("^([a-z]+://)[^@/]+@");

    static Optional<GitHubRemote> parse(String remote) {
        String url = remote.strip();
        for (Pattern shape : new Pattern[] {URL, SCP}) {
            Matcher m = shape.matcher(url);
            if (m.matches() && !m.group(2).endsWith("/.") && !m.group(2).endsWith("/..")) {
                return Optional.of(new GitHubRemote(m.group(1).toLowerCase(Locale.ROOT), m.group(2)));
            }
        }
        return Optional.empty();
    }

    /** The URL fit to show: a user and password or token written into it are left out. */
    static String shown(String remote) {
        return CREDENTIALS.matcher(remote.strip()).replaceFirst("$1");
    }
}
