package org.tokenrefresh.mockauth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Token families and their rotation: a login starts a family; a refresh consumes its single-use token and
 * issues the next pair in the same family; presenting a consumed token again is theft (OAuth 2.0 Security
 * BCP, RFC 9700 §4.14.2) and revokes the whole family. Consumed tokens are remembered until
 * {@link #clear()}. Thread-safe: each rotation runs under its family's monitor.
 *
 * <p>Two switches model other backends: without {@link #rotation(boolean) rotation} a refresh issues a new
 * access token and answers the same refresh token again, which stays valid (RFC 6749 §6 lets a server keep
 * it); without {@link #reuseDetection(boolean) reuse detection} a consumed token presented again is refused
 * and counted, but its family lives on.
 */
final class TokenFamilies {

    private static final Logger LOG = Logger.getLogger(TokenFamilies.class.getName());

    private final Clock clock;
    private final TokenIssuer issuer;
    private final Counters counters;
    private final Map<String, RefreshRecord> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, TokenFamily> families = new ConcurrentHashMap<>();
    private volatile boolean rotation = true;
    private volatile boolean reuseDetection = true;

    TokenFamilies(Clock clock, TokenIssuer issuer, Counters counters) {
        this.clock = clock;
        this.issuer = issuer;
        this.counters = counters;
    }

    /** Starts a family for the user and issues its first pair. */
    TokenSet start(String username) {
        TokenFamily family = new TokenFamily(issuer.randomId(9), username);
        families.put(family.id, family);
        synchronized (family) {
            return issue(family, clock.instant());
        }
    }

    /** The family of a refresh token, or null when the token is unknown. */
    TokenFamily familyOf(String refreshToken) {
        RefreshRecord record = refreshToken == null ? null : refreshTokens.get(refreshToken);
        return record == null ? null : record.family;
    }

    /** The family by id, or null. */
    TokenFamily family(String familyId) {
        return familyId == null ? null : families.get(familyId);
    }

    /**
     * Consumes the refresh token of a known family and issues the next pair. {@code gate} runs first, under
     * the family's monitor, and refuses the call by throwing (a rate limit): a refused call consumes nothing.
     * Throws {@link MockAuthException#INVALID_GRANT} when the family is revoked, the token expired, or the
     * token was already used, which revokes the family.
     */
    TokenSet rotate(String refreshToken, TokenFamily family, BiConsumer<TokenFamily, Instant> gate) {
        RefreshRecord record = refreshTokens.get(refreshToken);
        synchronized (family) {
            Instant now = clock.instant();
            gate.accept(family, now);
            if (family.revoked || record == null) {
                throw MockAuthException.invalidGrant("refresh token revoked");
            }
            if (record.consumed) {
                counters.add(Counters.Count.REUSE_DETECTIONS);
                if (!reuseDetection) {
                    LOG.warning("Refresh token reuse in family " + family.id + " of user " + family.username
                            + " refused (reuse detection is off: the family lives on)");
                    throw MockAuthException.invalidGrant("refresh token already used");
                }
                revokeLocked(family);
                LOG.warning("Refresh token reuse detected, family " + family.id + " of user " + family.username
                        + " revoked");
                throw MockAuthException.invalidGrant("refresh token already used; session revoked");
            }
            if (!now.isBefore(record.expiresAt)) {
                throw MockAuthException.invalidGrant("refresh token expired");
            }
            counters.add(Counters.Count.ROTATIONS);
            LOG.fine(() -> "Refreshed family " + family.id);
            if (!rotation) {
                return issuer.issue(family, now, refreshToken);
            }
            record.consumed = true;
            return issue(family, now);
        }
    }

    /** Whether a refresh replaces the refresh token (default) or answers the same one again. */
    void rotation(boolean on) {
        this.rotation = on;
    }

    boolean rotation() {
        return rotation;
    }

    /** Whether a reused refresh token revokes its family (default) or is only refused. */
    void reuseDetection(boolean on) {
        this.reuseDetection = on;
    }

    boolean reuseDetection() {
        return reuseDetection;
    }

    /** Revokes the family of a refresh token or of an access token this backend signed; false when none was alive. */
    boolean revokeByToken(String token) {
        TokenFamily family = familyOf(token);
        if (family != null) {
            return revoke(family.id);
        }
        try {
            return revoke(issuer.verify(token).familyId());
        } catch (MockAuthException e) {
            return false;
        }
    }

    /** Revokes one family; false when it is unknown or already revoked. */
    boolean revoke(String familyId) {
        TokenFamily family = family(familyId);
        if (family == null) {
            return false;
        }
        synchronized (family) {
            return revokeLocked(family);
        }
    }

    /** Revokes every family of the user; returns how many were still alive. */
    int revokeUser(String username) {
        int revoked = 0;
        for (TokenFamily family : families.values()) {
            if (family.username.equals(username) && revoke(family.id)) {
                revoked++;
            }
        }
        return revoked;
    }

    /** Whether the family is unknown or revoked. */
    boolean isRevoked(String familyId) {
        TokenFamily family = family(familyId);
        return family == null || family.revoked;
    }

    /** Refresh calls received for one family, 0 when it is unknown. */
    long refreshCalls(String familyId) {
        TokenFamily family = family(familyId);
        return family == null ? 0 : family.refreshCalls.get();
    }

    /** Refresh calls per family id, for families with at least one call. */
    Map<String, Long> refreshCallsPerFamily() {
        Map<String, Long> result = new TreeMap<>();
        families.values().stream().filter(f -> f.refreshCalls.get() > 0)
                .forEach(f -> result.put(f.id, f.refreshCalls.get()));
        return result;
    }

    /** Zeroes the per-family counters; families and tokens stay. */
    void resetCounters() {
        families.values().forEach(f -> f.refreshCalls.set(0));
    }

    /** Forgets every family and token: all of them become invalid. */
    void clear() {
        families.values().forEach(f -> f.revoked = true);
        families.clear();
        refreshTokens.clear();
    }

    private boolean revokeLocked(TokenFamily family) {
        if (family.revoked) {
            return false;
        }
        family.revoked = true;
        counters.add(Counters.Count.REVOKED_FAMILIES);
        LOG.info("Revoked family " + family.id + " of user " + family.username);
        return true;
    }

    private TokenSet issue(TokenFamily family, Instant now) {
        Instant refreshExpiresAt = now.plus(issuer.refreshTokenLifetime());
        TokenSet tokens = issuer.issue(family, now, refreshExpiresAt);
        refreshTokens.put(tokens.refreshToken(), new RefreshRecord(family, refreshExpiresAt));
        return tokens;
    }

    private static final class RefreshRecord {
        final TokenFamily family;
        final Instant expiresAt;
        boolean consumed; // guarded by family

        RefreshRecord(TokenFamily family, Instant expiresAt) {
            this.family = family;
            this.expiresAt = expiresAt;
        }
    }
}
