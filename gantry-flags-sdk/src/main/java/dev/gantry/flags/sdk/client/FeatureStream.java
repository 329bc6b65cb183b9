package dev.gantry.flags.sdk.client;

import dev.gantry.flags.sdk.json.DeltaReader;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.state.DeltaEvent;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows {@code GET /client/streaming} on a thread of its own: {@code unleash-connected} carries the whole state,
 * {@code unleash-updated} the changes since; {@code fetch-mode} with data {@code polling} tells the client to stop
 * streaming and poll. When the stream is refused, ends, breaks or sends what cannot be read, the client polls and
 * this reconnects after a backoff that doubles up to its maximum, and starts again from the initial wait once a
 * connection brings a state.
 */
final class FeatureStream {

    private final FlagClient client;
    private final UnleashHttp http;
    private final FlagClientOptions options;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile StreamBody body;
    private volatile boolean idle;
    private volatile long lastRead;

    FeatureStream(FlagClient client, UnleashHttp http, FlagClientOptions options) {
        this.client = client;
        this.http = http;
        this.options = options;
        this.thread = new Thread(this::run, "gantry-flags-stream-" + options.appName());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Called now and then from the client's scheduler: a connection that has read nothing for the idle timeout is
     * closed, which ends the blocked read, and reconnected.
     */
    void dropIfIdle() {
        StreamBody open = body;
        if (open != null
                && System.nanoTime() - lastRead > options.streamIdleTimeout().toNanos()) {
            idle = true;
            open.close();
        }
    }

    void stop() {
        stopped.countDown();
        StreamBody open = body;
        if (open != null) {
            open.close();
        }
        // Ends a connection being opened, or the wait between two.
        thread.interrupt();
    }

    private void run() {
        long backoff = options.reconnectInitial().toMillis();
        while (stopped.getCount() > 0) {
            ClientError lost;
            try (StreamBody opened = http.stream()) {
                lastRead = System.nanoTime();
                body = opened;
                if (stopped.getCount() == 0) {
                    return;
                }
                Outcome outcome = follow(new SseReader(
                        new BufferedInputStream(new Watched(opened)),
                        options.limits().maxChars()));
                if (outcome.pollOnly()) {
                    client.call(() -> client.streamLost(new ClientError(
                            ClientError.Kind.HTTP_STATUS,
                            "GET /client/streaming at " + options.url()
                                    + ": the server asked for polling (fetch-mode)")));
                    return;
                }
                if (outcome.hydrated()) {
                    backoff = options.reconnectInitial().toMillis();
                }
                lost = outcome.error();
            } catch (ServerFailure f) {
                lost = f.error();
            } catch (IOException e) {
                lost = new ClientError(
                        ClientError.Kind.UNREACHABLE,
                        "GET /client/streaming at " + options.url() + ": "
                                + (idle
                                        ? "nothing received for "
                                                + options.streamIdleTimeout().toMillis() + " ms"
                                        : "the stream broke: " + e.getMessage()));
            } finally {
                body = null;
            }
            if (stopped.getCount() == 0) {
                return;
            }
            idle = false;
            ClientError error = lost;
            client.call(() -> client.streamLost(error));
            try {
                if (stopped.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, options.reconnectMax().toMillis());
        }
    }

    /** The response body, noting when it last gave bytes. */
    private final class Watched extends FilterInputStream {
        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastRead = System.nanoTime();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            lastRead = System.nanoTime();
            return n;
        }
    }

    /** How one connection ended. */
    private record Outcome(boolean hydrated, boolean pollOnly, ClientError error) {}

    private Outcome follow(SseReader reader) throws IOException {
        boolean hydrated = false;
        Optional<SseEvent> next;
        while ((next = reader.next()).isPresent()) {
            SseEvent event = next.get();
            switch (event.type()) {
                case "unleash-connected", "unleash-updated" -> {
                    List<DeltaEvent> deltas;
                    try {
                        deltas = DeltaReader.read(event.data(), options.limits());
                    } catch (InvalidJson e) {
                        // A delta that cannot be applied leaves the state unknown: reconnect for a whole one.
                        return new Outcome(
                                hydrated,
                                false,
                                new ClientError(
                                        ClientError.Kind.INVALID_ANSWER,
                                        "GET /client/streaming at " + options.url() + ": " + event.type() + " event: "
                                                + e.getMessage()));
                    }
                    hydrated |= event.type().equals("unleash-connected");
                    client.call(() -> client.streamed(event.type(), deltas));
                }
                case "fetch-mode" -> {
                    if (event.data().trim().equals("polling")) {
                        return new Outcome(hydrated, true, null);
                    }
                }
                default -> {
                    // Other events (Unleash may add some) carry nothing this client needs.
                }
            }
        }
        return new Outcome(
                hydrated,
                false,
                new ClientError(
                        ClientError.Kind.UNREACHABLE,
                        "GET /client/streaming at " + options.url() + ": the server ended the stream"));
    }
}
