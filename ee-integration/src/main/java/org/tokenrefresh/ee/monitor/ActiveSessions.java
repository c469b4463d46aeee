package org.tokenrefresh.ee.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.tokenrefresh.RefreshEvent;
import org.tokenrefresh.RefreshListener;
import org.tokenrefresh.engine.SessionActivity;
import org.tokenrefresh.token.TokenHash;
import org.tokenrefresh.token.TokenPair;

/**
 * The sessions this node has seen recently, for the background monitor: which ones are active, and with
 * which tokens. Told about every request that carries tokens ({@link SessionActivity}) and about every
 * refresh outcome ({@link RefreshListener}).
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>Keyed by the SHA-256 of the refresh token; the tokens themselves stay in this JVM's memory only, and
 * only as long as needed: an entry goes when its session is idle beyond {@code activity-window}, when its
 * refresh token is rotated (a refresh here, or the monitor finding the successor another node made), and
 * when the backend ends the session.</li>
 * <li>Bounded by {@code store-max-entries}: when full, new sessions are not tracked (they still get the
 * filter's proactive refresh on their next request) until idle ones are evicted.</li>
 * <li>Thread-safe and lock-free; {@link #seen} costs one SHA-256 and one map lookup per request.</li>
 * </ul>
 */
public final class ActiveSessions implements SessionActivity, RefreshListener {

    private static final Logger LOG = Logger.getLogger(ActiveSessions.class.getName());

    private final Clock clock;
    private final long windowMillis;
    private final int maxEntries;
    private final ConcurrentSkipListMap<String, Session> sessions = new ConcurrentSkipListMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder untracked = new LongAdder();

    public ActiveSessions(Clock clock, Duration activityWindow, int maxEntries) {
        this.clock = clock;
        this.windowMillis = activityWindow.toMillis();
        this.maxEntries = maxEntries;
    }

    @Override
    public void seen(TokenPair tokens) {
        String key = TokenHash.of(tokens.refreshToken());
        Session known = sessions.get(key);
        if (known != null) {
            known.touch(tokens, clock.millis());
        } else {
            track(key, tokens, clock.millis());
        }
    }

    private void track(String key, TokenPair tokens, long lastSeen) {
        if (size.get() >= maxEntries) {
            untracked.increment();
            if (untracked.sum() == 1) {
                LOG.warning("Background monitor: " + maxEntries + " active sessions tracked (tokenrefresh.store-max-entries);"
                        + " further sessions are refreshed on their requests only");
            }
            return;
        }
        Session created = new Session(key, tokens, lastSeen);
        Session raced = sessions.putIfAbsent(key, created);
        if (raced == null) {
            size.incrementAndGet();
        } else {
            raced.touch(tokens, lastSeen);
        }
    }

    /** A used refresh token leaves; a failed refresh keeps its session for the next run. */
    @Override
    public void onEvent(RefreshEvent event) {
        if (event.type() != RefreshEvent.Type.FAILED) {
            forgetShortId(event.sessionId());
        }
    }

    /** Events carry the 12-digit id: every key with that prefix goes (a collision only costs a re-track). */
    private void forgetShortId(String shortId) {
        for (String key : sessions.subMap(shortId, true, shortId + "g", false).keySet()) {
            remove(key);
        }
    }

    /** Stops tracking a session. */
    public void remove(String key) {
        if (sessions.remove(key) != null) {
            size.decrementAndGet();
        }
    }

    /** The session's refresh token was rotated: its successor is tracked as seen when the session last was. */
    public void rotated(Session session, TokenPair successor) {
        remove(session.key());
        if (!successor.refreshToken().equals(session.tokens().refreshToken())) {
            String key = TokenHash.of(successor.refreshToken());
            Session known = sessions.get(key);
            if (known != null) {
                known.touch(successor, session.lastSeenMillis());
            } else {
                track(key, successor, session.lastSeenMillis());
            }
        } else {
            track(session.key(), successor, session.lastSeenMillis());
        }
    }

    /** Removes the sessions idle beyond the activity window; returns how many. */
    public int evictIdle() {
        long idleBefore = clock.millis() - windowMillis;
        int evicted = 0;
        for (Session session : sessions.values()) {
            if (session.lastSeenMillis() < idleBefore && sessions.remove(session.key(), session)) {
                size.decrementAndGet();
                evicted++;
            }
        }
        return evicted;
    }

    /** A snapshot of the sessions seen within the activity window. */
    public List<Session> active() {
        long idleBefore = clock.millis() - windowMillis;
        List<Session> active = new ArrayList<>();
        for (Session session : sessions.values()) {
            if (session.lastSeenMillis() >= idleBefore) {
                active.add(session);
            }
        }
        return active;
    }

    /** Whether the session holding this refresh token is tracked. */
    public boolean isTracked(String refreshToken) {
        return sessions.containsKey(TokenHash.of(refreshToken));
    }

    /** Sessions tracked now. */
    public int size() {
        return size.get();
    }

    /** Sessions not tracked because the bound was reached. */
    public long untracked() {
        return untracked.sum();
    }

    /** One tracked session. Its tokens never appear in {@link #toString()}. */
    public static final class Session {
        private final String key;
        private volatile TokenPair tokens;
        private volatile long lastSeenMillis;

        Session(String key, TokenPair tokens, long lastSeenMillis) {
            this.key = key;
            this.tokens = tokens;
            this.lastSeenMillis = lastSeenMillis;
        }

        void touch(TokenPair latest, long at) {
            tokens = latest;
            if (at > lastSeenMillis) {
                lastSeenMillis = at;
            }
        }

        /** SHA-256 hex of the refresh token. */
        public String key() {
            return key;
        }

        /** The tokens of the session's latest request. */
        public TokenPair tokens() {
            return tokens;
        }

        public long lastSeenMillis() {
            return lastSeenMillis;
        }

        @Override
        public String toString() {
            return "Session[" + TokenHash.shortIdOfKey(key) + ", lastSeen=" + lastSeenMillis + "]";
        }
    }
}
