package dev.gantry.local.proxy;

import dev.gantry.local.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Many requests from several client threads; counts the answers by status and by the version that sent them. */
final class Load {

    final Map<String, LongAdder> byVersion = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    final AtomicInteger answered = new AtomicInteger();

    static Load run(int port, int threads, int requestsPerThread) throws Exception {
        Load load = new Load();
        Http http = new Http();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < requestsPerThread; i++) load.count(http.get(port, "/"));
                }));
            }
            for (Future<?> client : clients) client.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        return load;
    }

    void count(Http.Answer answer) {
        byVersion.computeIfAbsent(answer.version(), v -> new LongAdder()).increment();
        byStatus.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
        answered.incrementAndGet();
    }

    long version(String version) {
        LongAdder n = byVersion.get(version);
        return n == null ? 0 : n.sum();
    }

    long status(int status) {
        LongAdder n = byStatus.get(status);
        return n == null ? 0 : n.sum();
    }
}
