package dev.gantry.changelog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where commits, comparisons and issues of a repository are shown on the web. */
public record Links(Optional<String> commit, Optional<String> compare, Optional<String> issue) {

    private static final Pattern SSH = Pattern.compile("^(?:ssh://)?git@([^:/]+)[:/](.+?)(?:\\.git)?/?$");
    private static final Pattern HTTPS = Pattern.compile("^https?://(?:[^@/]+@)?([^/]+)/(.+?)(?:\\.git)?/?$");

    public static final Links NONE = new Links(Optional.empty(), Optional.empty(), Optional.empty());

    /** Links from the settings, else derived from the origin remote's URL (GitHub, GitLab, Gitea shapes). */
    public static Links of(ChangelogSettings settings, Optional<String> originUrl) {
        Optional<String> web = originUrl.flatMap(Links::webUrl);
        boolean gitlab = web.map(w -> w.contains("gitlab")).orElse(false);
        String sep = gitlab ? "/-/" : "/";
        return new Links(
                link(settings.commitUrl(), web.map(w -> w + sep + "commit/{hash}")),
                link(settings.compareUrl(), web.map(w -> w + sep + "compare/{previous}...{current}")),
                link(settings.issueUrl(), web.map(w -> w + sep + "issues/{id}")));
    }

    /** The configured link, "none" for no link, or the one derived from the remote. */
    private static Optional<String> link(String configured, Optional<String> derived) {
        if ("none".equalsIgnoreCase(configured)) return Optional.empty();
        return Optional.ofNullable(configured).or(() -> derived);
    }

    static Optional<String> webUrl(String remote) {
        for (Pattern p : new Pattern[] {SSH, HTTPS}) {
            Matcher m = p.matcher(remote.strip());
            if (m.matches()) return Optional.of("https://" + m.group(1) + "/" + m.group(2));
        }
        return Optional.empty();
    }

    Optional<String> commit(String hash) {
        return commit.map(t -> t.replace("{hash}", hash));
    }

    Optional<String> compare(String previousTag, String currentTag) {
        return compare.map(t -> t.replace("{previous}", previousTag).replace("{current}", currentTag));
    }

    Optional<String> issue(String id) {
        return issue.map(t -> t.replace("{id}", id));
    }
}
