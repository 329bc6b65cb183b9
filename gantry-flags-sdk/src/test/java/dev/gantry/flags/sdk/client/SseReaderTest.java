package dev.gantry.flags.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseEvent> all(String stream, int limit) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), limit);
        List<SseEvent> out = new ArrayList<>();
        Optional<SseEvent> next;
        while ((next = reader.next()).isPresent()) {
            out.add(next.get());
        }
        return out;
    }

    @Test
    void readsTypedEventsWithEveryLineEnd() throws IOException {
        assertThat(all(
                        "event: unleash-connected\ndata: {\"a\":1}\n\n"
                                + "event:unleash-updated\r\ndata: one\r\ndata: two\r\nid: 7\r\n\r\n"
                                + "data: plain\r\r",
                        1024))
                .containsExactly(
                        new SseEvent("unleash-connected", "{\"a\":1}", ""),
                        new SseEvent("unleash-updated", "one\ntwo", "7"),
                        new SseEvent("message", "plain", "7"));
    }

    @Test
    void skipsCommentsHeartbeatsAndEventsWithoutData() throws IOException {
        assertThat(all("\uFEFF: keep-alive\n\nevent: ping\n\nretry: 10\nevent: x\ndata:\n\n", 1024))
                .containsExactly(new SseEvent("x", "", ""));
    }

    @Test
    void dropsAnEventCutOffByTheEndOfTheStream() throws IOException {
        assertThat(all("event: unleash-updated\ndata: {\"events\":[", 1024)).isEmpty();
    }

    @Test
    void refusesALineWithoutEndPastTheLimitWithoutHoldingIt() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThatThrownBy(() -> new SseReader(endless, 1 << 16).next())
                .isInstanceOf(IOException.class)
                .hasMessage("server-sent event line over the limit of 65536 bytes");
    }

    @Test
    void refusesAnEventOfManyLinesPastTheLimit() {
        assertThatThrownBy(() -> all(
                        "data: " + "y".repeat(60) + "\n".repeat(1) + ("data: " + "y".repeat(60) + "\n").repeat(20)
                                + "\n",
                        1000))
                .isInstanceOf(IOException.class)
                .hasMessage("server-sent event over the limit of 1000 bytes");
    }
}
