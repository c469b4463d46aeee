package org.tokenrefresh.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.SuccessorRecord.Marker;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.RefreshStore;
import org.tokenrefresh.spi.TokenPair;

/**
 * What becomes of a used refresh token, and what a request that still carries it gets
 * ({@code docs/architecture.md}, "Successors and markers"):
 * <ul>
 * <li>After a rotation, the successor tokens are handed out to late requests for the grace period
 * ({@code rotation-grace}, or the activity window after a background refresh) and then forgotten; a
 * token-free "used" marker stays for {@code reuse-guard}, so the token is never sent again.</li>
 * <li>A used token presented after its grace is the classic sign of a stolen refresh token (RFC 9700
 * section 4.14.2): a WARNING with the session id, a {@link RefreshEvent.Type#REPLAY_DETECTED} event, a
 * metric; the token is not sent.</li>
 * <li>A dead token (the backend's verdict), or one whose answer was lost, is remembered cluster-wide when the
 * library can vouch for it; a token it cannot vouch for (a forged cookie) is remembered in a small local cache
 * only, so that a flood of forged cookies never displaces the records that protect real sessions.</li>
 * <li>A record that exists but cannot be read means "do not send" (fail closed).</li>
 * </ul>
 */
final class SuccessorPolicy {

    private static final int UNVOUCHED_VERDICT_ENTRIES = 10_000;

    private final EngineContext context;
    private final TokenRefreshSettings settings;
    private final RefreshStore store;
    private final Clock clock;
    /** Dead and lost unvouched tokens, by key: local, bounded, never among the store's records. */
    private final Cache<String, Reason> unvouchedVerdicts;

    SuccessorPolicy(EngineContext context, RefreshStore store) {
        this.context = context;
        this.settings = context.settings;
        this.store = store;
        this.clock = context.clock;
        this.unvouchedVerdicts = Caffeine.newBuilder().executor(Runnable::run).maximumSize(UNVOUCHED_VERDICT_ENTRIES)
                .expireAfterWrite(15, TimeUnit.MINUTES).build();
    }

    /**
     * What is already known about a refresh token: its successor (within the grace), or that it must not be
     * sent; {@code null} when it may be refreshed. A store failure propagates (the engine then sends nothing).
     */
    RefreshOutcome known(String key, Trigger trigger) {
        Reason local = unvouchedVerdicts.getIfPresent(key);
        if (local != null) {
            return RefreshOutcome.sessionExpired(local, true);
        }
        RefreshOutcome successor = successor(key, trigger);
        if (successor != null) {
            return successor;
        }
        String marker = store.marker(key);
        Marker kind = SuccessorRecord.marker(marker);
        if (kind == null) {
            return null;
        }
        switch (kind) {
            case USED:
                // The successor is written before the marker, and was read before it: when another node (or
                // thread) wrote both in between, the successor is there now.
                RefreshOutcome raced = successor(key, trigger);
                if (raced != null) {
                    return raced;
                }
                if (clock.millis() < SuccessorRecord.graceUntil(marker)) {
                    // within the grace, but the successor is gone (evicted, or its write failed): not sent, no alarm
                    return RefreshOutcome.sessionExpired(Reason.TOKEN_SUPERSEDED, false);
                }
                return replayed(key, trigger);
            case DEAD:
                return RefreshOutcome.sessionExpired(Reason.INVALID_GRANT, true);
            case LOST:
                return RefreshOutcome.sessionExpired(Reason.LOST_RESPONSE, true);
            case ENDED:
                return RefreshOutcome.sessionExpired(Reason.LOGGED_OUT, true);
            default:
                return unreadable(key, trigger);
        }
    }

    private RefreshOutcome successor(String key, Trigger trigger) {
        String value = store.successor(key);
        if (RefreshStore.UNREADABLE.equals(value)) {
            return unreadable(key, trigger);
        }
        SuccessorRecord record = SuccessorRecord.parse(value);
        if (record == null || clock.millis() >= record.graceUntilMillis) {
            return null;
        }
        // the application may have logged the successor out meanwhile
        Marker next = SuccessorRecord.marker(store.marker(TokenHash.of(record.successor.refreshToken())));
        if (next == Marker.ENDED || next == Marker.DEAD) {
            return RefreshOutcome.sessionExpired(next == Marker.ENDED ? Reason.LOGGED_OUT : Reason.INVALID_GRANT, true);
        }
        context.metrics.increment(RefreshMetrics.Counter.SUCCESSOR_HITS);
        return RefreshOutcome.refreshed(record.successor, RefreshOutcome.Source.SUCCESSOR);
    }

    private RefreshOutcome replayed(String key, Trigger trigger) {
        String id = TokenHash.shortIdOfKey(key);
        context.metrics.increment(RefreshMetrics.Counter.REPLAYS);
        context.warnings.warn("replay " + id, "Session " + id + " presented a refresh token that was already used and whose grace period is"
                + " over: a possible stolen refresh token (RFC 9700 section 4.14.2); it is not sent again");
        context.events.publish(RefreshEvent.Type.REPLAY_DETECTED, trigger, Reason.TOKEN_SUPERSEDED, id, System.nanoTime(), null, null);
        return RefreshOutcome.sessionExpired(Reason.TOKEN_SUPERSEDED, false);
    }

    private RefreshOutcome unreadable(String key, Trigger trigger) {
        String id = TokenHash.shortIdOfKey(key);
        context.warnings.warn("store unreadable", "The refresh store holds a record for session " + id + " that cannot be read (another"
                + " tokenrefresh.store-key, or a re-created keys cache?); its refresh token is not sent");
        context.events.publish(RefreshEvent.Type.FAILED, trigger, Reason.STORE_UNREADABLE, id, System.nanoTime(), null,
                BackendGuard.MIN_RETRY_AFTER);
        return RefreshOutcome.unavailable(Reason.STORE_UNREADABLE, BackendGuard.MIN_RETRY_AFTER);
    }

    /** Records a refresh: the successor for the grace, then the token-free "used" marker. */
    void refreshed(String key, TokenPair current, TokenPair next, Trigger trigger) {
        // A background refresh happens while the browser is not looking: its successor must wait for the
        // session's next request, which comes within the activity window (or the session is idle anyway).
        refreshed(key, current, next, trigger == Trigger.BACKGROUND && settings.activityWindow().compareTo(settings.rotationGrace()) > 0
                ? settings.activityWindow() : settings.rotationGrace());
    }

    /**
     * Records that the application replaced {@code current} by {@code next} itself. A browser may still hold
     * {@code current} with an access token that is not due yet (a parallel response arrived last): it comes
     * back to the library only when that token falls due, so the successor is kept until then, plus the grace.
     */
    void adopted(TokenPair current, TokenPair next) {
        boolean same = current.refreshToken().equals(next.refreshToken()) && current.accessToken() != null
                && current.accessToken().equals(next.accessToken());
        if (same) {
            return; // the application wrote back the very tokens it got
        }
        String key = TokenHash.of(current.refreshToken());
        Duration grace = settings.rotationGrace();
        if (current.hasExpiry()) {
            long untilDue = current.expiresAt() * 1000L - clock.millis();
            if (untilDue > 0) {
                grace = grace.plusMillis(untilDue);
            }
        }
        refreshed(key, current, next, grace);
    }

    private void refreshed(String key, TokenPair current, TokenPair next, Duration grace) {
        long graceUntil = clock.millis() + grace.toMillis();
        if (!grace.isZero()) {
            write(key, grace, true, SuccessorRecord.successor(next, graceUntil));
        }
        // written after the successor, so that whoever sees the marker finds the successor too
        if (!next.refreshToken().equals(current.refreshToken())) {
            write(key, BackendGuard.max(settings.reuseGuard(), grace), false, SuccessorRecord.used(graceUntil));
        }
    }

    /** The backend said the token is dead. */
    void dead(String key, boolean vouched) {
        if (vouched) {
            write(key, settings.reuseGuard(), false, SuccessorRecord.DEAD);
        } else {
            unvouchedVerdicts.put(key, Reason.INVALID_GRANT);
        }
    }

    /** The answer was lost: the token may be consumed and is never sent again. */
    void lost(String key, boolean vouched) {
        if (vouched) {
            write(key, settings.reuseGuard(), false, SuccessorRecord.LOST);
        } else {
            unvouchedVerdicts.put(key, Reason.LOST_RESPONSE);
        }
    }

    /** The application logged the session out: its token gets nothing any more. */
    void ended(String key) {
        write(key, settings.reuseGuard(), false, SuccessorRecord.ENDED);
    }

    /**
     * Writes a record. A store failure must not turn a completed refresh into a failure: the backend has
     * consumed the token, and this request still delivers the new tokens to the browser.
     */
    private void write(String key, Duration ttl, boolean successor, String value) {
        try {
            if (successor) {
                store.putSuccessor(key, value, ttl);
            } else {
                store.putMarker(key, value, ttl);
            }
        } catch (RuntimeException e) {
            EngineContext.LOG.log(Level.WARNING, "Refresh store could not record the outcome for session " + TokenHash.shortIdOfKey(key), e);
        }
    }
}
