package dev.gantry.flags.sdk.client;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Keeps what a client tells, so a test waits for the call it expects instead of for time. */
final class RecordingListener implements FlagListener {

    final BlockingQueue<StateSource> ready = new LinkedBlockingQueue<>();
    final BlockingQueue<Set<String>> changed = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> stale = new LinkedBlockingQueue<>();
    final BlockingQueue<ClientError> errors = new LinkedBlockingQueue<>();

    @Override
    public void onReady(StateSource source) {
        ready.add(source);
    }

    @Override
    public void onChanged(Set<String> flags) {
        changed.add(flags);
    }

    @Override
    public void onStale(int missedRefreshes) {
        stale.add(missedRefreshes);
    }

    @Override
    public void onError(ClientError error) {
        errors.add(error);
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(30, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived in 30 seconds");
        }
        return value;
    }

    /** The first element that matches, skipping the others. */
    static <T> T first(BlockingQueue<T> queue, Predicate<T> matches) throws InterruptedException {
        while (true) {
            T value = next(queue);
            if (matches.test(value)) {
                return value;
            }
        }
    }
}
