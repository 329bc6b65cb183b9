package dev.gantry.local.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Users of the demo: a steady stream of requests to one address at a fixed rate, each from one of a thousand users
 * named in the {@code X-User} header, counted by what came back. It runs on daemon threads until it is closed.
 */
public final class SteadyTraffic implements AutoCloseable {

    /** What came back so far. */
    public record Counts(long sent, long ok, long serverErrors, long failed) {}

    private static final int USERS = 1000;
    private static final int THREADS = 4;

    private final URI target;
    private final long periodNanos;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private SteadyTraffic(URI target, int requestsPerSecond) {
        this.target = target;
        this.periodNanos = 1_000_000_000L * THREADS / requestsPerSecond;
    }

    /** Starts {@code requestsPerSecond} requests a second to {@code target}, spread over a few threads. */
    public static SteadyTraffic start(URI target, int requestsPerSecond) {
        if (requestsPerSecond < THREADS) {
            throw new IllegalArgumentException("the rate is at least " + THREADS + " requests a second");
        }
        SteadyTraffic traffic = new SteadyTraffic(target, requestsPerSecond);
        for (int i = 0; i < THREADS; i++) {
            int first = i;
            Thread thread = new Thread(() -> traffic.send(first), "demo-traffic-" + i);
            thread.setDaemon(true);
            traffic.threads.add(thread);
            thread.start();
        }
        return traffic;
    }

    private void send(int user) {
        long next = System.nanoTime();
        while (running) {
            user = (user + THREADS) % USERS;
            HttpRequest request = HttpRequest.newBuilder(target)
                    .header("X-User", "user-" + user)
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            sent.incrementAndGet();
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                (status >= 500 ? serverErrors : ok).incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // A fixed schedule, not a fixed pause: a slow answer does not lower the rate that follows.
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            else next = System.nanoTime();
        }
    }

    public Counts counts() {
        return new Counts(sent.get(), ok.get(), serverErrors.get(), failed.get());
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
