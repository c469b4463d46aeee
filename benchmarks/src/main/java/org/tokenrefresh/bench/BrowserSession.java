package org.tokenrefresh.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.CookieJar;

/**
 * A browser's cookie jar for one login session: sends the token cookies among a few unrelated ones, and
 * takes the {@code Set-Cookie} answers as a browser would (a {@code Max-Age=0} cookie is deleted). Every cookie the
 * server sets comes back, the library's {@code refreshToken-mac} included, so that sessions the library refreshed
 * are vouched for as they are in a browser.
 */
final class BrowserSession {

    /** Unrelated cookies a real application's requests carry (analytics, preferences, container session). */
    static final String OTHER_COOKIES = "_ga=GA1.2.1234567890.1700000000; theme=dark; lang=en-US";
    private static final String CONTAINER_SESSION = "; JSESSIONID=9F1C2D3E4A5B6C7D8E9F0A1B2C3D4E5F";

    final int index;
    final String familyId;
    private final CookieJar jar;

    BrowserSession(int index, TokenSet tokens) {
        this(index, tokens.familyId(), tokens.accessToken(), tokens.refreshToken());
    }

    /** A session whose cookies were set elsewhere (the login page of the auth backend, another tab). */
    BrowserSession(int index, String familyId, String accessToken, String refreshToken) {
        this.index = index;
        this.familyId = familyId;
        this.jar = CookieJar.of("authToken", accessToken, "refreshToken", refreshToken);
    }

    String cookieHeader() {
        String tokens = jar.header();
        return OTHER_COOKIES + CONTAINER_SESSION + (tokens.isEmpty() ? "" : "; " + tokens);
    }

    boolean loggedOut() {
        return jar.get("refreshToken") == null;
    }

    /** The value of one of the session's cookies, or {@code null}. */
    String cookie(String name) {
        return jar.get(name);
    }

    /** Applies the response's cookies; tells what happened to the token cookies. */
    CookieChange apply(HttpResponse<?> response) {
        switch (jar.keep(response)) {
            case DELETED:
                return CookieChange.CLEARED;
            case SET:
                return CookieChange.REWRITTEN;
            default:
                return CookieChange.NONE;
        }
    }

    /** Replaces the access token by the same one expiring now (the mock reissues it, signed). */
    void expireAccessToken(MockAuthBackend backend) {
        jar.put("authToken", backend.reissueAccessToken(jar.get("authToken"), Duration.ZERO));
    }

    /** What a response did to the token cookies. */
    enum CookieChange { NONE, REWRITTEN, CLEARED }
}
