package dev.gantry.flags.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientTasksTest {

    @Test
    void onASharedSchedulerEachClientsTasksRunOneAtATimeInOrderWhileTheClientsTakeTurns() throws Exception {
        ScheduledExecutorService shared = Executors.newScheduledThreadPool(4);
        try {
            int clients = 8;
            int tasks = 2_000;
            List<ClientTasks> all = new ArrayList<>();
            List<List<Integer>> ran = new ArrayList<>();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(clients * tasks);
            for (int c = 0; c < clients; c++) {
                ClientTasks client = ClientTasks.on(shared);
                List<Integer> order = new ArrayList<>();
                AtomicInteger inside = new AtomicInteger();
                all.add(client);
                ran.add(order);
                for (int t = 0; t < tasks; t++) {
                    int n = t;
                    client.execute(() -> {
                        if (inside.incrementAndGet() != 1) overlaps.incrementAndGet();
                        order.add(n); // an unsynchronized list: tasks that overlapped would lose or mix entries
                        inside.decrementAndGet();
                        done.countDown();
                    });
                }
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps).hasValue(0);
            for (List<Integer> order : ran) {
                assertThat(order).hasSize(tasks).isSorted();
            }
            all.forEach(ClientTasks::close);
            assertThat(shared.isShutdown())
                    .as("the application's scheduler outlives the clients")
                    .isFalse();
        } finally {
            shared.shutdownNow();
        }
    }

    @Test
    void aTaskThatThrowsDoesNotStopThoseAfterIt() throws Exception {
        ClientTasks tasks = ClientTasks.ownThread("throwing");
        try {
            CountDownLatch after = new CountDownLatch(1);
            tasks.execute(() -> {
                throw new IllegalStateException("a task's own failure");
            });
            tasks.execute(after::countDown);
            assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            tasks.close();
        }
    }

    @Test
    void closedTasksRefuseNewOnesAndTheirTimersStop() throws Exception {
        ScheduledThreadPoolExecutor shared = new ScheduledThreadPoolExecutor(1);
        shared.setRemoveOnCancelPolicy(true);
        try {
            ClientTasks tasks = ClientTasks.on(shared);
            AtomicInteger ticks = new AtomicInteger();
            CountDownLatch ticked = new CountDownLatch(2);
            tasks.every(Duration.ofMillis(1), () -> {
                ticks.incrementAndGet();
                ticked.countDown();
            });
            assertThat(ticked.await(30, TimeUnit.SECONDS)).isTrue();
            tasks.close();
            // Its timer is gone from the scheduler, and a tick queued when it closed is dropped.
            assertThat(shared.getQueue()).isEmpty();
            int seen = ticks.get();
            shared.submit(() -> {}).get();
            assertThat(ticks.get()).isEqualTo(seen);
            assertThatThrownBy(() -> tasks.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
        } finally {
            shared.shutdownNow();
        }
    }
}
