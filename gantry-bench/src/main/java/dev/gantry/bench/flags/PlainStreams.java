package dev.gantry.bench.flags;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Many server-sent event streams read by one thread over plain sockets, which only looks for event names in the
 * bytes as they come: the lightest reader there is, so that what is measured is the server's part of the time.
 */
final class PlainStreams implements AutoCloseable {

    private static final String CONNECTED = "event: unleash-connected";
    private static final String UPDATED = "event: unleash-updated";

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final Thread thread;
    private volatile boolean open = true;

    /**
     * Opens {@code count} streams of {@code uri} with {@code token} in the Authorization header; {@code connected} is
     * told each stream's number at its {@code unleash-connected} event, {@code updated} at each
     * {@code unleash-updated}.
     */
    PlainStreams(URI uri, String token, int count, IntConsumer connected, IntConsumer updated) throws IOException {
        selector = Selector.open();
        byte[] request = ("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nAuthorization: " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) channel.write(out);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Reader(i));
            channels.add(channel);
        }
        thread = new Thread(() -> read(connected, updated), "plain-streams");
        thread.setDaemon(true);
        thread.start();
    }

    /** What one stream has shown so far: its number, and the end of what it read last, for a name cut in two. */
    private static final class Reader {
        final int number;
        String tail = "";

        Reader(int number) {
            this.number = number;
        }
    }

    private void read(IntConsumer connected, IntConsumer updated) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try {
            while (open) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Reader reader = (Reader) key.attachment();
                    buffer.clear();
                    int read = ((SocketChannel) key.channel()).read(buffer);
                    if (read < 0) {
                        key.cancel();
                        continue;
                    }
                    String text = reader.tail + new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1);
                    for (int at = text.indexOf("event: unleash-");
                            at >= 0;
                            at = text.indexOf("event: unleash-", at + 1)) {
                        if (text.startsWith(CONNECTED, at)) connected.accept(reader.number);
                        else if (text.startsWith(UPDATED, at)) updated.accept(reader.number);
                    }
                    reader.tail = cut(text);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (open) throw new java.io.UncheckedIOException(e);
        } catch (java.nio.channels.ClosedSelectorException closed) {
            // Closed while it looked: the streams are done with.
            if (open) throw closed;
        }
    }

    /** The end of {@code text} that begins an event's name but stops short of it: the next read completes it. */
    private static String cut(String text) {
        for (int k = Math.min(CONNECTED.length() - 1, text.length()); k > 0; k--) {
            String end = text.substring(text.length() - k);
            if (CONNECTED.startsWith(end) || (k < UPDATED.length() && UPDATED.startsWith(end))) return end;
        }
        return "";
    }

    @Override
    public void close() throws IOException {
        open = false;
        selector.wakeup();
        for (SocketChannel channel : channels) channel.close();
        selector.close();
    }
}
