package org.tokenrefresh.ee.internal.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.tokenrefresh.internal.engine.SessionActivity;
import org.tokenrefresh.spi.TokenPair;

/**
 * The sessions the background monitor may refresh on this node: only those the library refreshed here
 * itself, that is sessions it can vouch for. A request never adds a session; it only marks a tracked one as
 * active. So a client that sends forged or stale cookies costs the monitor nothing, and the monitor never
 * calls the auth backend for a token nobody was issued.
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>An entry holds the refresh token and the access token's validity window, never the access token
 * itself: a background refresh needs only the refresh token (in the {@code json} protocol it then goes
 * without {@code Authorization: Bearer}). It is keyed by a 64-bit hash of the refresh token, computed on the
 * request path without allocating beyond one boxed key; a hit is confirmed by comparing the token.</li>
 * <li>Bounded twice: by {@code store-max-entries} entries and by {@code monitor-max-memory} bytes (each entry
 * is counted as {@value #ENTRY_OVERHEAD} bytes plus its refresh token). When full, newly refreshed sessions
 * are not tracked (they are refreshed on their next request as usual) until idle ones are evicted.</li>
 * <li>An entry goes when its session is idle beyond {@code activity-window}, when its token is rotated
 * (replaced by the successor's entry, keeping its last-seen time), and when the backend ends the session.</li>
 * </ul>
 */
public final class ActiveSessions implements SessionActivity {

    private static final Logger LOG = Logger.getLogger(ActiveSessions.class.getName());
    /** Estimated bytes of one entry besides its token's characters: session, map node, boxed key. */
    static final int ENTRY_OVERHEAD = 160;

    private final Clock clock;
    private final long windowMillis;
    private final int maxEntries;
    private final long maxBytes;
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final LongAdder untracked = new LongAdder();

    public ActiveSessions(Clock clock, Duration activityWindow, int maxEntries, long maxBytes) {
        this.clock = clock;
        this.windowMillis = activityWindow.toMillis();
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** A request carried these tokens: a tracked session is active now. Nothing else happens. */
    @Override
    public void seen(TokenPair tokens) {
        Session known = sessions.get(hash(tokens.refreshToken()));
        if (known != null && known.refreshToken.equals(tokens.refreshToken())) {
            known.lastSeenMillis = Math.max(known.lastSeenMillis, clock.millis());
        }
    }

    /** The engine refreshed {@code used} into {@code next}: the session is tracked under its new token. */
    @Override
    public void refreshed(TokenPair used, TokenPair next) {
        Session old = remove(used.refreshToken());
        track(next, old != null ? old.lastSeenMillis : clock.millis());
    }

    /** Another node refreshed the session (its successor was handed out here): track it under the successor. */
    public void rotated(Session session, TokenPair successor) {
        remove(session.refreshToken);
        track(successor, session.lastSeenMillis);
    }

    private void track(TokenPair tokens, long lastSeen) {
        long size = ENTRY_OVERHEAD + tokens.refreshToken().length();
        if (sessions.size() >= maxEntries || bytes.get() + size > maxBytes) {
            untracked.increment();
            if (untracked.sum() == 1) {
                LOG.warning("Background monitor: " + sessions.size() + " sessions tracked (about " + bytes.get() / 1024
                        + " KiB; tokenrefresh.store-max-entries, tokenrefresh.monitor-max-memory); further sessions are refreshed"
                        + " on their requests only");
            }
            return;
        }
        Session created = new Session(tokens, lastSeen);
        if (sessions.putIfAbsent(hash(tokens.refreshToken()), created) == null) {
            bytes.addAndGet(size);
        }
    }

    /** Stops tracking the session holding this refresh token; returns it, or {@code null}. */
    public Session remove(String refreshToken) {
        Long key = hash(refreshToken);
        Session session = sessions.get(key);
        if (session != null && session.refreshToken.equals(refreshToken) && sessions.remove(key, session)) {
            bytes.addAndGet(-(ENTRY_OVERHEAD + refreshToken.length()));
            return session;
        }
        return null;
    }

    /** Removes the sessions idle beyond the activity window; returns how many. */
    public int evictIdle() {
        long idleBefore = clock.millis() - windowMillis;
        int evicted = 0;
        for (Session session : sessions.values()) {
            if (session.lastSeenMillis < idleBefore && remove(session.refreshToken) != null) {
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
            if (session.lastSeenMillis >= idleBefore) {
                active.add(session);
            }
        }
        return active;
    }

    /** Whether the session holding this refresh token is tracked. */
    public boolean isTracked(String refreshToken) {
        Session session = sessions.get(hash(refreshToken));
        return session != null && session.refreshToken.equals(refreshToken);
    }

    /** Sessions tracked now. */
    public int size() {
        return sessions.size();
    }

    /** Estimated memory the tracked sessions take, in bytes. */
    public long bytes() {
        return bytes.get();
    }

    /** Sessions not tracked because a bound was reached. */
    public long untracked() {
        return untracked.sum();
    }

    /** FNV-1a, 64 bits, over the token's characters: cheap, no allocation (besides the boxed key). */
    static Long hash(String token) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < token.length(); i++) {
            h ^= token.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** One tracked session. */
    public static final class Session {
        private final String refreshToken;
        private final long expiresAt;
        private final long issuedAt;
        private volatile long lastSeenMillis;

        Session(TokenPair tokens, long lastSeenMillis) {
            this.refreshToken = tokens.refreshToken();
            this.expiresAt = tokens.expiresAt();
            this.issuedAt = tokens.issuedAt();
            this.lastSeenMillis = lastSeenMillis;
        }

        /** What the monitor refreshes with: the refresh token and the access token's window, no access token. */
        public TokenPair tokens() {
            return new TokenPair(null, refreshToken, expiresAt, issuedAt);
        }

        public long expiresAt() {
            return expiresAt;
        }

        public long issuedAt() {
            return issuedAt;
        }
    }
}
