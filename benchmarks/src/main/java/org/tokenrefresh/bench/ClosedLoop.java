package org.tokenrefresh.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Simulated users of a load run: one thread each, each running its own loop until it ends. */
final class ClosedLoop {

    /** One user's loop; {@code user} is 0 to users - 1. */
    interface User {
        void run(int user) throws Exception;
    }

    private ClosedLoop() {
    }

    /** Runs {@code users} loops at once and waits for each, at most {@code timeout}; a failed loop fails the run. */
    static void run(int users, Duration timeout, User loop) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(users);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                running.add(threads.submit(() -> {
                    loop.run(user);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(timeout.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
