package dev.gantry.server.web;

import dev.gantry.text.PersonText;

/**
 * The forms through which a page changes something: the page's script sends each as JSON to the API, with the
 * request-forgery token, and shows the answer in the form's result line.
 */
final class Forms {

    private Forms() {}

    /**
     * Opens a form the script sends to {@code url}; {@code reload} says whether the page is read again when it
     * succeeds (a live page is updated by its stream instead).
     */
    static String open(String url, String kind, boolean reload) {
        return "<form class=\"api " + Markup.esc(kind) + "\" method=\"post\" data-url=\"" + Markup.esc(url)
                + "\" data-reload=\"" + reload + "\">";
    }

    static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + Markup.esc(name) + "\" value=\"" + Markup.esc(value) + "\">";
    }

    /** A line of text a person writes, such as a reason: as long as the core takes it, which checks the rest. */
    static String text(String name, String label, boolean required) {
        return "<label class=\"field\"><span>" + Markup.esc(label) + "</span> <input name=\"" + Markup.esc(name)
                + "\" maxlength=\"" + PersonText.MAX + "\"" + (required ? " required" : "") + "></label>";
    }

    /** The line where the script says how the request went. */
    static String close() {
        return "<output class=\"result\" role=\"status\" aria-live=\"polite\"></output></form>";
    }
}
