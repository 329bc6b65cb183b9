package dev.gantry.local.proxy;

import java.util.ArrayList;
import java.util.List;

/** One backend instance's address, written {@code host:port} ({@code [::1]:8080} for an IPv6 address). */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is missing");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }

    public static HostPort parse(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got \"" + text + "\"");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port with a numeric port, got \"" + text + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("expected a port from 1 to 65535 in \"" + text + "\"");
        }
        return new HostPort(host, port);
    }

    /** A comma-separated list, as {@code --stable 127.0.0.1:8081,127.0.0.1:8082} writes it; empty text is none. */
    public static List<HostPort> parseList(String text) {
        List<HostPort> list = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) list.add(parse(part));
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
