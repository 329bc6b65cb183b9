package dev.gantry.server;

import java.util.regex.Pattern;

/**
 * A repository the server coordinates, as {@code gantry serve --project NAME=SOURCE} names it.
 *
 * @param name lowercase letters, digits and dashes: it is part of the API's paths, of folder names and of the
 *     project's schema in a shared PostgreSQL
 * @param source a path or a URL git can clone
 */
public record Project(String name, String source) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,54}");

    public Project {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a project's name is 1 to 55 lowercase letters, digits and dashes,"
                    + " beginning with a letter or digit; got \"" + name + "\"");
        }
        if (source.isBlank()) throw new IllegalArgumentException("project " + name + " needs a source to clone");
        if (source.startsWith("-"))
            throw new IllegalArgumentException("project " + name + ": a source cannot begin with a dash");
    }

    /** The project's schema in a shared PostgreSQL: {@code project_} and its name, dashes as underscores. */
    public String schema() {
        return "project_" + name.replace('-', '_');
    }

    /** Reads {@code NAME=SOURCE}. */
    public static Project parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException(
                    "a project is written NAME=SOURCE, such as shop=https://git.example.com/shop.git; got \"" + text
                            + "\"");
        }
        return new Project(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
    }
}
