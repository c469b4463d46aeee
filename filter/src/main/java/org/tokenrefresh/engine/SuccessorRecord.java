package org.tokenrefresh.engine;

import org.tokenrefresh.token.TokenPair;

/**
 * The store's record for a used refresh token, as a string of JDK types only (class-loader safe in a
 * distributed cache). Fields are separated by spaces, which never occur in a cookie value.
 * <ul>
 * <li>{@code S graceUntilMillis expiresAt issuedAt access refresh}: rotated; the successor is handed out
 * until {@code graceUntilMillis}, and after that the old token is known as used;</li>
 * <li>{@code D}: dead, the backend rejected it;</li>
 * <li>{@code L}: lost response, the token may be consumed and is never sent again.</li>
 * </ul>
 */
final class SuccessorRecord {

    enum Kind { SUCCESSOR, DEAD, LOST }

    final Kind kind;
    final long untilMillis;
    final TokenPair successor;

    private SuccessorRecord(Kind kind, long untilMillis, TokenPair successor) {
        this.kind = kind;
        this.untilMillis = untilMillis;
        this.successor = successor;
    }

    static String successor(TokenPair next, long graceUntilMillis) {
        return "S " + graceUntilMillis + " " + next.expiresAt() + " " + next.issuedAt() + " "
                + (next.accessToken() == null ? "-" : next.accessToken()) + " " + next.refreshToken();
    }

    static String dead() {
        return "D";
    }

    static String lost() {
        return org.tokenrefresh.RefreshStore.LOST_RECORD;
    }

    /** Parses a record; an unreadable one gives {@code null} (treated as absent). */
    static SuccessorRecord parse(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            switch (value.charAt(0)) {
                case 'D':
                    return new SuccessorRecord(Kind.DEAD, 0, null);
                case 'L':
                    return new SuccessorRecord(Kind.LOST, 0, null);
                case 'S':
                    String[] f = value.split(" ", -1);
                    if (f.length != 6) {
                        return null;
                    }
                    TokenPair next = new TokenPair("-".equals(f[4]) ? null : f[4], f[5], Long.parseLong(f[2]), Long.parseLong(f[3]));
                    return new SuccessorRecord(Kind.SUCCESSOR, Long.parseLong(f[1]), next);
                default:
                    return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }
}
