package dev.gantry.local.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a user on one version: the value of a header or a cookie is hashed into a bucket from 0 to 99, and the
 * request goes to the canary when its bucket is below the weight. A user on the canary stays there as the weight
 * grows, and a user on stable moves at most once.
 *
 * @param cookie whether {@code name} names a cookie rather than a header
 */
public record Stickiness(String name, boolean cookie) {

    public Stickiness {
        if (name == null || name.isBlank())
            throw new IllegalArgumentException("a sticky header or cookie needs a name");
    }

    public static Stickiness header(String name) {
        return new Stickiness(name, false);
    }

    public static Stickiness cookie(String name) {
        return new Stickiness(name, true);
    }

    /** The request's bucket from 0 to 99, or -1 when it does not carry the header or cookie. */
    int bucket(HttpRequest request) {
        String value = cookie ? cookieValue(request) : request.headers().get(name);
        return value == null || value.isEmpty() ? -1 : bucket(value);
    }

    /** The same value always falls in the same bucket, in every process and on every run. */
    static int bucket(String value) {
        int hash = 0x811c9dc5;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        // FNV-1a leaves its low bits poorly mixed; the finalizer of MurmurHash3 spreads them before the modulo.
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return Integer.remainderUnsigned(hash, 100);
    }

    private String cookieValue(HttpRequest request) {
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            int from = 0;
            while (from < header.length()) {
                int end = header.indexOf(';', from);
                if (end < 0) end = header.length();
                int eq = header.indexOf('=', from);
                if (eq > 0 && eq < end && header.substring(from, eq).strip().equals(name)) {
                    String value = header.substring(eq + 1, end).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value;
                }
                from = end + 1;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return (cookie ? "cookie " : "header ") + name;
    }
}
