package dev.gantry.flags.sdk.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server-sent events as the HTML standard's event-stream format defines them: lines end with LF, CRLF or CR;
 * {@code event}, {@code data} (lines joined with LF) and {@code id} fields; lines starting with a colon are comments;
 * an empty line dispatches. The bytes are given as they arrive, in pieces cut anywhere (a CRLF may be split), so that
 * no thread waits on a stream. Written by hand because the SDK has no dependency.
 *
 * <p>A line or an event over {@code maxEventBytes} is refused with an {@link IOException} before it is held whole, so a
 * server that never ends a line costs bounded memory. An event cut off by the end of the stream is never given, as the
 * standard says.
 */
final class SseParser {

    private final int maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean first = true;
    private boolean pendingLf;
    private String lastId = "";
    // The event being read.
    private String type = "";
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private int eventBytes;

    SseParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** The events these bytes complete, in order. */
    List<SseEvent> feed(ByteBuffer bytes) throws IOException {
        List<SseEvent> events = new ArrayList<>(1);
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (pendingLf) {
                pendingLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                pendingLf = b == '\r';
                line(text(), events);
                line.reset();
                continue;
            }
            if (line.size() >= maxEventBytes) {
                throw new IOException("server-sent event line over the limit of " + maxEventBytes + " bytes");
            }
            line.write(b);
        }
        return events;
    }

    private void line(String text, List<SseEvent> events) throws IOException {
        if (text.isEmpty()) {
            if (hasData) {
                events.add(new SseEvent(type.isEmpty() ? "message" : type, data.toString(), lastId));
            }
            type = "";
            data.setLength(0);
            hasData = false;
            eventBytes = 0;
            return;
        }
        eventBytes += text.length();
        if (eventBytes > maxEventBytes) {
            throw new IOException("server-sent event over the limit of " + maxEventBytes + " bytes");
        }
        if (text.charAt(0) == ':') {
            return;
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
