package dev.gantry.server.web;

import java.util.List;

/**
 * Who looks at a page, and so which buttons it shows: the server refuses what a button would ask anyway, the page
 * just does not offer it.
 *
 * @param scopes the caller's scopes, as words
 * @param csrf the token a page's requests that change something carry; empty when the caller's credential is not
 *     one a browser sends by itself
 */
public record Viewer(
        String person, List<String> scopes, boolean mayApprove, boolean mayOperate, boolean admin, String csrf) {

    public Viewer {
        scopes = List.copyOf(scopes);
        csrf = csrf == null ? "" : csrf;
    }

    /** Whoever asked before their credentials were checked, for an error page. */
    public static Viewer nobody() {
        return new Viewer("", List.of(), false, false, false, "");
    }
}
