package org.tokenrefresh.internal.engine;

import org.tokenrefresh.spi.RefreshStore;
import org.tokenrefresh.spi.TokenPair;

/**
 * The store's records, as strings of JDK types only (class-loader safe in a distributed cache). Fields are
 * separated by spaces, which never occur in a cookie value.
 * <ul>
 * <li>successor: {@code S graceUntilMillis expiresAt issuedAt access refresh}, the tokens that replaced a
 * used refresh token, handed out until {@code graceUntilMillis};</li>
 * <li>markers, which hold no token: {@code U graceUntilMillis} used (rotated), {@code D} dead (the backend
 * rejected it), {@code L} lost response (it may be consumed), {@code E} ended by the application's
 * logout.</li>
 * </ul>
 */
final class SuccessorRecord {

    /** What a marker says. */
    enum Marker { USED, DEAD, LOST, ENDED, UNREADABLE }

    static final String DEAD = "D";
    static final String LOST = RefreshStore.LOST_MARKER;
    static final String ENDED = "E";

    final long graceUntilMillis;
    final TokenPair successor;

    private SuccessorRecord(long graceUntilMillis, TokenPair successor) {
        this.graceUntilMillis = graceUntilMillis;
        this.successor = successor;
    }

    static String successor(TokenPair next, long graceUntilMillis) {
        return "S " + graceUntilMillis + " " + next.expiresAt() + " " + next.issuedAt() + " "
                + (next.accessToken() == null ? "-" : next.accessToken()) + " " + next.refreshToken();
    }

    static String used(long graceUntilMillis) {
        return "U " + graceUntilMillis;
    }

    /** Parses a successor record; {@code null} when absent or not a successor record. */
    static SuccessorRecord parse(String value) {
        if (value == null || !value.startsWith("S ")) {
            return null;
        }
        try {
            String[] f = value.split(" ", -1);
            if (f.length != 6) {
                return null;
            }
            TokenPair next = new TokenPair("-".equals(f[4]) ? null : f[4], f[5], Long.parseLong(f[2]), Long.parseLong(f[3]));
            return new SuccessorRecord(Long.parseLong(f[1]), next);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What a marker says; {@code null} when absent. Anything unknown is unreadable (fail closed). */
    static Marker marker(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        switch (value.charAt(0)) {
            case 'U':
                return Marker.USED;
            case 'D':
                return Marker.DEAD;
            case 'L':
                return Marker.LOST;
            case 'E':
                return Marker.ENDED;
            default:
                return Marker.UNREADABLE;
        }
    }

    /** The grace end a used marker carries, or 0. */
    static long graceUntil(String usedMarker) {
        try {
            return usedMarker.length() > 2 ? Long.parseLong(usedMarker.substring(2)) : 0L;
        } catch (NumberFormatException e) {
            return 0L;
        }
    }
}
