package org.tokenrefresh.bench;

import java.net.http.HttpResponse;
import org.tokenrefresh.mockauth.TokenSet;

/**
 * A browser's cookie jar for one login session: sends the token cookies among a few unrelated ones, and
 * takes the {@code Set-Cookie} answers as a browser would (a {@code Max-Age=0} cookie is deleted).
 */
final class BrowserSession {

    /** Unrelated cookies a real application's requests carry (analytics, preferences, container session). */
    static final String OTHER_COOKIES = "_ga=GA1.2.1234567890.1700000000; theme=dark; lang=en-US";

    final int index;
    final String familyId;
    private volatile String access;
    private volatile String refresh;

    BrowserSession(int index, TokenSet tokens) {
        this.index = index;
        this.familyId = tokens.familyId();
        this.access = tokens.accessToken();
        this.refresh = tokens.refreshToken();
    }

    String cookieHeader() {
        StringBuilder header = new StringBuilder(512).append(OTHER_COOKIES)
                .append("; JSESSIONID=9F1C2D3E4A5B6C7D8E9F0A1B2C3D4E5F");
        String a = access;
        String r = refresh;
        if (a != null) {
            header.append("; authToken=").append(a);
        }
        if (r != null) {
            header.append("; refreshToken=").append(r);
        }
        return header.toString();
    }

    boolean loggedOut() {
        return refresh == null;
    }

    /** Applies the response's cookies; tells what happened to the token cookies. */
    synchronized CookieChange apply(HttpResponse<?> response) {
        boolean cleared = false;
        boolean rewritten = false;
        for (String header : response.headers().allValues("Set-Cookie")) {
            int eq = header.indexOf('=');
            int semi = header.indexOf(';');
            if (eq < 0) {
                continue;
            }
            String name = header.substring(0, eq).trim();
            String value = header.substring(eq + 1, semi < 0 ? header.length() : semi);
            boolean delete = header.toLowerCase().contains("max-age=0") || value.isEmpty();
            if ("authToken".equals(name)) {
                access = delete ? null : value;
            } else if ("refreshToken".equals(name)) {
                refresh = delete ? null : value;
            } else {
                continue;
            }
            cleared |= delete;
            rewritten |= !delete;
        }
        return cleared ? CookieChange.CLEARED : rewritten ? CookieChange.REWRITTEN : CookieChange.NONE;
    }

    /** What a response did to the token cookies. */
    enum CookieChange { NONE, REWRITTEN, CLEARED }
}
