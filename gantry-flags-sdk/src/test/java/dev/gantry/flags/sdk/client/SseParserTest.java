package dev.gantry.flags.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    /** The events of {@code stream}, which must be the same whether its bytes come at once or one at a time. */
    private static List<SseEvent> all(String stream, int limit) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> whole = new SseParser(limit).feed(ByteBuffer.wrap(bytes));
        SseParser parser = new SseParser(limit);
        List<SseEvent> pieces = new ArrayList<>();
        for (byte b : bytes) pieces.addAll(parser.feed(ByteBuffer.wrap(new byte[] {b})));
        assertThat(pieces).as("fed one byte at a time").isEqualTo(whole);
        return whole;
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
        SseParser parser = new SseParser(1 << 16);
        byte[] piece = "x".repeat(4096).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> {
                    // A server that never ends its line: refused once the limit is passed, whatever was sent.
                    for (int i = 0; i < 1000; i++) parser.feed(ByteBuffer.wrap(piece));
                })
                .isInstanceOf(IOException.class)
                .hasMessage("server-sent event line over the limit of 65536 bytes");
    }

    @Test
    void aCharacterAndALineEndSplitBetweenPiecesAreReadWhole() throws IOException {
        SseParser parser = new SseParser(1024);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.feed(ByteBuffer.wrap(new byte[] {'d', 'a', 't', 'a', ':', ' ', euro[0]})))
                .isEmpty();
        assertThat(parser.feed(ByteBuffer.wrap(new byte[] {euro[1], euro[2], '\r'})))
                .isEmpty();
        assertThat(parser.feed(ByteBuffer.wrap(new byte[] {'\n', '\r', '\n'})))
                .containsExactly(new SseEvent("message", "€", ""));
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
