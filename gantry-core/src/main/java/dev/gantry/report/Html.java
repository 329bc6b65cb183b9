package dev.gantry.report;

/** Text set into HTML: nothing anyone wrote can open a tag, close an attribute or start an entity. */
final class Html {

    private Html() {}

    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\r' -> {}
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A list item "field: value", the value escaped. */
    static void item(StringBuilder html, String field, String value) {
        html.append("<li>")
                .append(escape(field))
                .append(": ")
                .append(escape(value))
                .append("</li>\n");
    }

    /** A status as a small labelled badge; {@code kind} is ok, warn or bad. */
    static String tag(String text, String kind) {
        return "<span class=\"tag " + kind + "\">" + escape(text) + "</span>";
    }

    /** A table written row by row; the cells are HTML the caller escaped. */
    static final class Table {
        private final StringBuilder html;

        Table(StringBuilder html, String... head) {
            this.html = html;
            html.append("<table>\n<tr>");
            for (String h : head) html.append("<th>").append(escape(h)).append("</th>");
            html.append("</tr>\n");
        }

        void row(String... cells) {
            html.append("<tr>");
            for (String c : cells) html.append("<td>").append(c).append("</td>");
            html.append("</tr>\n");
        }

        void end() {
            html.append("</table>\n");
        }
    }
}
