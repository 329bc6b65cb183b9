package dev.gantry.flags.sdk.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads server-sent events as the HTML standard's event-stream format defines them: lines end with LF, CRLF or CR;
 * {@code event}, {@code data} (lines joined with LF) and {@code id} fields; lines starting with a colon are comments;
 * an empty line dispatches. Written by hand because the SDK has no dependency.
 *
 * <p>A line or an event over {@code maxEventBytes} is refused with an {@link IOException} before it is held whole, so a
 * server that never ends a line costs bounded memory.
 */
final class SseReader {

    private final InputStream in;
    private final int maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean first = true;
    private boolean pendingLf;
    private String lastId = "";

    SseReader(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** The next event, or empty when the stream ends; an event cut off by the end is dropped, as the standard says. */
    Optional<SseEvent> next() throws IOException {
        String type = "";
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        int eventBytes = 0;
        while (true) {
            String text = readLine();
            if (text == null) {
                return Optional.empty();
            }
            if (text.isEmpty()) {
                if (hasData) {
                    return Optional.of(new SseEvent(type.isEmpty() ? "message" : type, data.toString(), lastId));
                }
                type = "";
                eventBytes = 0;
                continue;
            }
            eventBytes += text.length();
            if (eventBytes > maxEventBytes) {
                throw new IOException("server-sent event over the limit of " + maxEventBytes + " bytes");
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> type = value;
                case "data" -> {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                }
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastId = value;
                    }
                }
                default -> {
                    // "retry" and unknown fields: the client has its own backoff, and the standard ignores the others.
                }
            }
        }
    }

    /** One line without its end, or null at the end of the stream. */
    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b == -1) {
                return null;
            }
            if (pendingLf) {
                pendingLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                pendingLf = b == '\r';
                return text();
            }
            if (line.size() >= maxEventBytes) {
                throw new IOException("server-sent event line over the limit of " + maxEventBytes + " bytes");
            }
            line.write(b);
        }
    }

    private String text() {
        byte[] bytes = line.toByteArray();
        int start = 0;
        // A byte-order mark may open the stream; the standard says to skip it.
        if (first
                && bytes.length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        }
        first = false;
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }
}
