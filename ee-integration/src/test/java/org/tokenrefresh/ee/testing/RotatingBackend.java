package org.tokenrefresh.ee.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.spi.TokenPair;

/**
 * A hand-written auth backend: every refresh rotates to {@code access-N}/{@code refresh-N} valid for
 * {@code lifetimeSeconds}, and a refresh token that was rotated once is answered {@code invalid_grant}, as a strict
 * backend does. Records every refresh token received; the probe answers {@link #reachable}.
 */
public final class RotatingBackend implements AuthBackend {

    private final MutableClock clock;
    private final long lifetimeSeconds;
    private final AtomicInteger generation = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> consumed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public volatile boolean reachable = true;
    public volatile BackendAnswer nextAnswer;

    public RotatingBackend(MutableClock clock, long lifetimeSeconds) {
        this.clock = clock;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    @Override
    public synchronized BackendAnswer refresh(TokenPair current) {
        received.add(current.refreshToken());
        BackendAnswer scripted = nextAnswer;
        if (scripted != null) {
            nextAnswer = null;
            return scripted;
        }
        if (!consumed.add(current.refreshToken())) {
            return BackendAnswer.invalidGrant(401, "refresh token reused");
        }
        int n = generation.incrementAndGet();
        long now = clock.epochSecond();
        return BackendAnswer.tokens(new TokenPair("access-" + n, "refresh-" + n, now + lifetimeSeconds, now), 200);
    }

    @Override
    public boolean probe() {
        return reachable;
    }

    /** Refresh tokens received, in order. */
    public List<String> received() {
        return received;
    }

    /** A pair as the login hands it out, valid for the backend's lifetime from now. */
    public TokenPair login(String refreshToken) {
        long now = clock.epochSecond();
        return new TokenPair("access-" + refreshToken, refreshToken, now + lifetimeSeconds, now);
    }
}
