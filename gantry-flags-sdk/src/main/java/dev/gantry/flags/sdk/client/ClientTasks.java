package dev.gantry.flags.sdk.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client's own work (its requests, the state it installs, what it tells its listeners), run one task at a time in
 * the order given: on a thread of the client's own, or on a scheduler shared by many clients, where each client's
 * tasks still never overlap and take turns with the others'. Everything the client keeps between tasks is touched here
 * only, so it needs no lock.
 */
final class ClientTasks {

    private final ScheduledExecutorService scheduler;
    private final boolean own;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
    // Guarded by queue.
    private boolean running;
    private boolean closed;

    private ClientTasks(ScheduledExecutorService scheduler, boolean own) {
        this.scheduler = scheduler;
        this.own = own;
    }

    /** Tasks on a thread of their own, named after the application; it ends with {@link #close()}. */
    static ClientTasks ownThread(String appName) {
        return new ClientTasks(
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "gantry-flags-" + appName);
                    t.setDaemon(true);
                    return t;
                }),
                true);
    }

    /** Tasks on {@code scheduler}, which the application owns: {@link #close()} leaves it running. */
    static ClientTasks on(ScheduledExecutorService scheduler) {
        return new ClientTasks(scheduler, false);
    }

    /** Runs {@code task} after those given before it; refused once closed. */
    void execute(Runnable task) {
        synchronized (queue) {
            if (closed) {
                throw new RejectedExecutionException("the flag client is closed");
            }
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        turn();
    }

    /** {@link #execute} with a future that says when it ran. */
    Future<?> submit(Runnable task) {
        FutureTask<Void> future = new FutureTask<>(task, null);
        execute(future);
        return future;
    }

    /** Runs {@code task} every {@code every} from now on, until closed. */
    void every(Duration every, Runnable task) {
        long millis = Math.max(1, every.toMillis());
        timers.add(scheduler.scheduleWithFixedDelay(() -> later(task), millis, millis, TimeUnit.MILLISECONDS));
    }

    /** Runs {@code task} once after {@code delay}, unless closed by then. */
    void after(Duration delay, Runnable task) {
        ScheduledFuture<?> timer = scheduler.schedule(() -> later(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        timers.add(timer);
        timers.removeIf(ScheduledFuture::isDone);
    }

    /** Stops: what is queued is dropped, timers are cancelled, and a thread of the client's own ends. */
    void close() {
        synchronized (queue) {
            closed = true;
            queue.clear();
        }
        timers.forEach(t -> t.cancel(false));
        if (own) {
            scheduler.shutdownNow();
        }
    }

    private void later(Runnable task) {
        try {
            execute(task);
        } catch (RejectedExecutionException closed) {
            // Closed meanwhile: the timer's turn is dropped.
        }
    }

    /** Asks the scheduler to run the next task; one task per turn, so that clients sharing it take turns. */
    private void turn() {
        try {
            scheduler.execute(this::runOne);
        } catch (RejectedExecutionException e) {
            synchronized (queue) {
                running = false;
                queue.clear();
            }
        }
    }

    private void runOne() {
        Runnable task;
        synchronized (queue) {
            task = queue.poll();
            if (task == null) {
                running = false;
                return;
            }
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            // The client's tasks report their own failures; one that escapes must not stop those queued after it.
        }
        boolean more;
        synchronized (queue) {
            more = !queue.isEmpty();
            if (!more) {
                running = false;
            }
        }
        if (more) {
            turn();
        }
    }
}
