package org.tokenrefresh.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.testsupport.UnsignedJwt;
import org.tokenrefresh.spi.TokenPair;

/**
 * A hand-written auth backend for engine tests: answers from a script (or rotates by default), records
 * every refresh token it receives, and can hold calls on a latch to let concurrent requests pile up.
 */
public final class FakeBackend implements AuthBackend {

    private final MutableClock clock;
    private final ConcurrentLinkedQueue<Function<TokenPair, BackendAnswer>> script = new ConcurrentLinkedQueue<>();
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger generation = new AtomicInteger();
    private volatile CountDownLatch gate;
    private volatile long accessLifetimeSeconds = 600;

    public FakeBackend(MutableClock clock) {
        this.clock = clock;
    }

    /** The next calls answer like this, in order; after the script, calls rotate. */
    public FakeBackend then(Function<TokenPair, BackendAnswer> answer) {
        script.add(answer);
        return this;
    }

    public FakeBackend then(BackendAnswer answer) {
        return then(pair -> answer);
    }

    /** Calls wait until {@link #open()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    public void accessLifetime(long seconds) {
        accessLifetimeSeconds = seconds;
    }

    /** A fresh rotated pair as a real backend would issue it. */
    public BackendAnswer rotate(TokenPair current) {
        int n = generation.incrementAndGet();
        long now = clock.epochSecond();
        String access = UnsignedJwt.withTimes(now, now + accessLifetimeSeconds, "user-" + n);
        return BackendAnswer.tokens(new TokenPair(access, "refresh-" + n + "-" + current.refreshToken().hashCode(), now + accessLifetimeSeconds, now), 200);
    }

    @Override
    public BackendAnswer refresh(TokenPair current) {
        received.add(current.refreshToken());
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Function<TokenPair, BackendAnswer> next = script.poll();
        return next != null ? next.apply(current) : rotate(current);
    }

    public int calls() {
        return received.size();
    }

    /** How many times this exact refresh token was sent. */
    public long callsWith(String refreshToken) {
        synchronized (received) {
            return received.stream().filter(refreshToken::equals).count();
        }
    }
}
