package org.tokenrefresh.testsupport;

/**
 * Tokens too large for one cookie, as a browser holds them: under their plain name, or in chunk cookies
 * {@code name-1}, {@code name-2}, ... that join into the whole token (the library's chunk rule, README "Large tokens").
 */
public final class ChunkedTokens {

    private ChunkedTokens() {
    }

    /** The token as the browser holds it: its whole cookie, else its chunks in order; {@code null} when neither. */
    public static String whole(CookieJar jar, String name) {
        if (jar.get(name) != null) {
            return jar.get(name);
        }
        StringBuilder joined = new StringBuilder();
        for (int chunk = 1; jar.get(name + "-" + chunk) != null; chunk++) {
            joined.append(jar.get(name + "-" + chunk));
        }
        return joined.length() == 0 ? null : joined.toString();
    }
}
