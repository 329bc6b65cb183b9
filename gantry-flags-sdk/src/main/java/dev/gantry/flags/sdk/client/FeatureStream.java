package dev.gantry.flags.sdk.client;

import dev.gantry.flags.sdk.json.DeltaReader;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.state.DeltaEvent;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows {@code GET /client/streaming} without a thread of its own: the HTTP client hands on the bytes as they
 * arrive, they are read into events there, and the client's tasks apply them in order. {@code unleash-connected}
 * carries the whole state, {@code unleash-updated} the changes since; {@code fetch-mode} with data {@code polling}
 * tells the client to stop streaming and poll. When the stream is refused, ends, breaks, goes silent or sends what
 * cannot be read, the client polls and this reconnects after a backoff that doubles up to its maximum, and starts
 * again from the initial wait once a connection brings a state. More bytes are asked for only once the client has
 * applied those before, so a fast server cannot fill memory.
 */
final class FeatureStream {

    private static final String WHAT = "GET /client/streaming";

    private final FlagClient client;
    private final UnleashHttp http;
    private final FlagClientOptions options;
    private final ClientTasks tasks;
    private volatile boolean stopped;
    private volatile Connection connection;
    // Touched only in the client's tasks.
    private long backoff;

    FeatureStream(FlagClient client, UnleashHttp http, FlagClientOptions options, ClientTasks tasks) {
        this.client = client;
        this.http = http;
        this.options = options;
        this.tasks = tasks;
        this.backoff = options.reconnectInitial().toMillis();
    }

    void start() {
        tasks.execute(this::connect);
    }

    /**
     * Called now and then in the client's tasks: a connection that has read nothing for the idle timeout is closed
     * and, after the backoff, opened again.
     */
    void dropIfIdle() {
        Connection open = connection;
        if (open != null
                && System.nanoTime() - open.lastRead
                        > options.streamIdleTimeout().toNanos()) {
            open.end(new Outcome(
                    open.hydrated,
                    false,
                    lost("nothing received for " + options.streamIdleTimeout().toMillis() + " ms")));
        }
    }

    /** Closes the connection and opens no other; from any thread. */
    void stop() {
        stopped = true;
        Connection open = connection;
        if (open != null) {
            open.cancel();
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Connection opening = new Connection();
        connection = opening;
        try {
            CompletableFuture<HttpResponse<Void>> exchange = http.stream(opening);
            opening.head = exchange;
            exchange.whenComplete((response, failure) ->
                    http.refusal(response, failure).ifPresent(error -> opening.end(new Outcome(false, false, error))));
        } catch (RuntimeException e) {
            // Whatever the HTTP client throws instead of answering, the stream is tried again after the backoff.
            opening.end(new Outcome(false, false, unexpected(e)));
        }
    }

    private ClientError unexpected(Throwable t) {
        return new ClientError(ClientError.Kind.UNEXPECTED, WHAT + " at " + options.url() + ": " + t);
    }

    /** In the client's tasks: a connection ended; the client polls meanwhile, and this connects again later. */
    private void ended(Outcome outcome) {
        if (stopped) {
            return;
        }
        if (outcome.pollOnly()) {
            client.streamLost(new ClientError(
                    ClientError.Kind.HTTP_STATUS,
                    WHAT + " at " + options.url() + ": the server asked for polling (fetch-mode)"));
            return;
        }
        if (outcome.hydrated()) {
            backoff = options.reconnectInitial().toMillis();
        }
        client.streamLost(outcome.error());
        tasks.after(Duration.ofMillis(backoff), this::connect);
        backoff = Math.min(backoff * 2, options.reconnectMax().toMillis());
    }

    private ClientError lost(String why) {
        return new ClientError(ClientError.Kind.UNREACHABLE, WHAT + " at " + options.url() + ": " + why);
    }

    /** How one connection ended. */
    private record Outcome(boolean hydrated, boolean pollOnly, ClientError error) {}

    /** One connection's body, read into events as its bytes arrive. */
    private final class Connection implements HttpResponse.BodySubscriber<Void> {

        private final SseParser parser = new SseParser(options.limits().maxChars());
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile Flow.Subscription subscription;
        /** The answer's head being awaited: a server that never sends it is given up on as a silent one is. */
        volatile CompletableFuture<?> head;

        volatile boolean hydrated;
        /** When the connection was opened, then when it last read bytes. */
        volatile long lastRead = System.nanoTime();

        @Override
        public CompletionStage<Void> getBody() {
            // The answer is taken as soon as its head is in: the body flows for as long as the stream lasts.
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            lastRead = System.nanoTime();
            if (over.get() || stopped) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            lastRead = System.nanoTime();
            List<SseEvent> events = new ArrayList<>(1);
            Outcome outcome = null;
            try {
                for (ByteBuffer buffer : item) {
                    events.addAll(parser.feed(buffer));
                }
            } catch (IOException e) {
                // A line or an event over the limit is an answer that cannot be read; what came before it is
                // applied first, as it would have been had it come alone.
                outcome = new Outcome(
                        hydrated,
                        false,
                        new ClientError(
                                ClientError.Kind.INVALID_ANSWER,
                                WHAT + " at " + options.url() + ": " + e.getMessage()));
            }
            List<Runnable> apply = new ArrayList<>(events.size());
            for (SseEvent event : events) {
                if (event.type().equals("unleash-connected") || event.type().equals("unleash-updated")) {
                    List<DeltaEvent> deltas;
                    try {
                        deltas = DeltaReader.read(event.data(), options.limits());
                    } catch (InvalidJson e) {
                        // A delta that cannot be applied leaves the state unknown: reconnect for a whole one.
                        outcome = new Outcome(
                                hydrated,
                                false,
                                new ClientError(
                                        ClientError.Kind.INVALID_ANSWER,
                                        WHAT + " at " + options.url() + ": " + event.type() + " event: "
                                                + e.getMessage()));
                        break;
                    }
                    hydrated |= event.type().equals("unleash-connected");
                    apply.add(() -> client.streamed(event.type(), deltas));
                } else if (event.type().equals("fetch-mode")
                        && event.data().trim().equals("polling")) {
                    outcome = new Outcome(hydrated, true, null);
                    break;
                }
                // Other events (Unleash may add some) carry nothing this client needs.
            }
            Outcome end = outcome;
            try {
                tasks.execute(() -> {
                    if (stopped) {
                        return;
                    }
                    // Applied even when the stream ended meanwhile: its end is told after them, in this order.
                    apply.forEach(Runnable::run);
                    if (end != null) {
                        end(end);
                    } else if (!over.get()) {
                        subscription.request(1);
                    }
                });
            } catch (RejectedExecutionException closed) {
                cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            end(new Outcome(
                    hydrated,
                    false,
                    lost("the stream broke: "
                            + (t.getMessage() != null
                                    ? t.getMessage()
                                    : t.getClass().getName()))));
        }

        @Override
        public void onComplete() {
            end(new Outcome(hydrated, false, lost("the server ended the stream")));
        }

        /** Ends this connection once, whoever sees the end first; the client hears of it in its tasks. */
        void end(Outcome outcome) {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            cancel();
            try {
                tasks.execute(() -> ended(outcome));
            } catch (RejectedExecutionException closed) {
                // The client is closed: nobody is left to tell.
            }
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            CompletableFuture<?> pending = head;
            if (pending != null) {
                pending.cancel(true);
            }
        }
    }
}
