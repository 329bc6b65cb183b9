package dev.gantry.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text made safe for HTML: every value a page shows or puts in an attribute goes through here. */
public final class Markup {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Markup() {}

    /** The text as HTML shows it literally, in an element or in a quoted attribute. */
    public static String esc(String text) {
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
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One segment of a path or a query value: a name can hold no slash, question mark or quote that ends it. */
    public static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(ZoneOffset.UTC));
    }

    /** A commit as people read it: its first seven characters, the whole hash in its tooltip. */
    public static String commit(String hash) {
        if (hash == null || hash.isEmpty()) return "";
        return "<code title=\"" + esc(hash) + "\">" + esc(hash.substring(0, Math.min(7, hash.length()))) + "</code>";
    }
}
