package org.tokenrefresh.testsupport.ownauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.tokenrefresh.testsupport.CookieJar;
import org.tokenrefresh.testsupport.SetCookies;
import org.tokenrefresh.testsupport.UnsignedJwt;

/**
 * The browser page of an application that refreshes tokens itself ({@link AppRefreshServlet}), with the library
 * in front: the page calls the application's refresh endpoint while its ordinary requests run, and some requests
 * leave late, with the cookies from before. Each step asserts what issue 11 promises and throws an
 * {@link AssertionError} naming what broke. Whether a refresh token was ever sent twice is the caller's to ask its
 * backend (the strict mock revokes the family on a reuse, after which the steps here fail too).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * OwnRefreshPage page = new OwnRefreshPage(http, baseUrl + "/app", "/api/data", login.accessToken(), login.refreshToken());
 * for (int round = 0; round < 4; round++) {
 *     clock.advance(Duration.ofSeconds(40)); // or page.awaitAccessTokenDue() against a server on real time
 *     page.refreshWhileRequestsRun(6, 2, round % 2 == 0);
 * }
 * page.refreshAlone();
 * assertEquals(0, backend.reuseDetections());
 * }</pre>
 * The ordinary path ({@code dataPath}) must answer 200 only for a valid access token, so that "the session keeps
 * working" means something.
 */
public final class OwnRefreshPage {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String applicationUrl;
    private final String origin;
    private final String dataPath;
    private final CookieJar jar = new CookieJar();

    /**
     * @param applicationUrl the application's root, {@code http://127.0.0.1:<port>/<context>}
     * @param dataPath an ordinary request of the page, protected by the application's token check
     */
    public OwnRefreshPage(HttpClient http, String applicationUrl, String dataPath, String accessToken, String refreshToken) {
        this.http = http;
        this.applicationUrl = applicationUrl;
        URI uri = URI.create(applicationUrl);
        this.origin = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        this.dataPath = dataPath;
        jar.put(AppRefreshServlet.ACCESS_COOKIE, accessToken).put(AppRefreshServlet.REFRESH_COOKIE, refreshToken);
    }

    /** The browser's cookies now. */
    public CookieJar jar() {
        return jar;
    }

    /**
     * Sleeps until the jar's access token is due for the library (half its lifetime has passed; the library's
     * {@code refresh-threshold} is capped there) and one second more, for servers that run on real time.
     */
    public void awaitAccessTokenDue() {
        String access = jar.get(AppRefreshServlet.ACCESS_COOKIE);
        long issuedAt = UnsignedJwt.numericClaim(access, "iat");
        long expiresAt = UnsignedJwt.numericClaim(access, "exp");
        long dueMillis = (issuedAt + (expiresAt - issuedAt) / 2 + 1) * 1000;
        for (long left = dueMillis - System.currentTimeMillis(); left > 0; left = dueMillis - System.currentTimeMillis()) {
            LockSupport.parkNanos(Duration.ofMillis(left).toNanos());
        }
    }

    /**
     * One lifetime of the session, to call when the jar's access token is due: the page calls the application's
     * refresh endpoint and, at the same moment, {@code parallel} ordinary requests with the same cookies. Every
     * answer is 200; the application's carries its own body and sets its tokens (and the library's MAC for them),
     * never the library's tokens. The jar keeps the answers in the order sent, the application's first, so that a
     * parallel answer may put back a pair the application has already spent. Then {@code late} requests with the
     * cookies from before the round (they left before the new cookies arrived) each get the application's refresh
     * token; the jar keeps their cookies when {@code keepLate}.
     *
     * @return the refresh token the application wrote
     */
    public String refreshWhileRequestsRun(int parallel, int late, boolean keepLate) {
        String before = jar.header();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        calls.add(sendAsync(refreshRequest(before)));
        for (int i = 0; i < parallel; i++) {
            calls.add(sendAsync(dataRequest(before)));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> answer = call.join();
            check(answer.statusCode() == 200, "every request of the round is answered 200", answer);
            jar.keep(answer);
            answers.add(answer);
        }
        HttpResponse<String> own = answers.get(0);
        check(AppRefreshServlet.BODY.equals(own.body()), "the application's refresh endpoint answered itself", own);
        List<String> names = own.headers().allValues("Set-Cookie").stream().map(h -> h.substring(0, Math.max(0, h.indexOf('='))).trim())
                .sorted().toList();
        check(names.equals(List.of(AppRefreshServlet.ACCESS_COOKIE, AppRefreshServlet.REFRESH_COOKIE, AppRefreshServlet.REFRESH_COOKIE + "-mac")),
                "one Set-Cookie each: the application's tokens and the library's MAC for them, none of the library's tokens", own);
        String written = SetCookies.requiredValue(own, AppRefreshServlet.REFRESH_COOKIE);
        for (int i = 0; i < late; i++) {
            HttpResponse<String> answer = sendAsync(dataRequest(before)).join();
            check(answer.statusCode() == 200, "a late request with the cookies from before the round is answered 200", answer);
            check(written.equals(SetCookies.value(answer, AppRefreshServlet.REFRESH_COOKIE)),
                    "a late request gets the application's tokens, never the pair the application already spent", answer);
            if (keepLate) {
                jar.keep(answer);
            }
        }
        return written;
    }

    /**
     * The page calls the application's refresh endpoint alone (with whatever pair the jar holds, perhaps one the
     * application already spent), then an ordinary request: the browser ends with the application's tokens, and
     * they work.
     */
    public void refreshAlone() {
        HttpResponse<String> own = sendAsync(refreshRequest(jar.header())).join();
        check(own.statusCode() == 200 && AppRefreshServlet.BODY.equals(own.body()),
                "the application's refresh endpoint rotated the tokens it was given", own);
        jar.keep(own);
        check(SetCookies.requiredValue(own, AppRefreshServlet.REFRESH_COOKIE).equals(jar.get(AppRefreshServlet.REFRESH_COOKIE)),
                "the browser ends with the application's tokens", own);
        HttpResponse<String> next = sendAsync(dataRequest(jar.header())).join();
        check(next.statusCode() == 200, "the application's tokens work", next);
    }

    /**
     * The page logs out through the application ({@link AppLogoutServlet}): the answer clears the token cookies and
     * carries no token of the library's (which may have refreshed before the logout ran); a late request with the
     * cookies from before the logout is given no tokens either. The jar ends empty of tokens.
     */
    public void logOut() {
        String before = jar.header();
        HttpResponse<String> logout = sendAsync(HttpRequest.newBuilder(URI.create(applicationUrl + AppLogoutServlet.PATH))
                .timeout(REQUEST_TIMEOUT).header("Cookie", before).POST(HttpRequest.BodyPublishers.noBody()).build()).join();
        check(logout.statusCode() == 200, "the application's logout ran", logout);
        check(SetCookies.byName(logout).containsKey(AppRefreshServlet.REFRESH_COOKIE), "the application cleared the refresh cookie", logout);
        for (String header : logout.headers().allValues("Set-Cookie")) {
            check(header.contains("Max-Age=0") || header.contains("Expires=Thu, 01 Jan 1970"),
                    "only the application's clearing cookies, none of the library's tokens", logout);
        }
        jar.keep(logout);
        check(jar.get(AppRefreshServlet.REFRESH_COOKIE) == null && jar.get(AppRefreshServlet.ACCESS_COOKIE) == null,
                "the browser holds no token after the logout", logout);
        HttpResponse<String> late = sendAsync(dataRequest(before)).join();
        String lateCookie = SetCookies.byName(late).get(AppRefreshServlet.REFRESH_COOKIE);
        check(lateCookie == null || lateCookie.contains("Max-Age=0"), "a logged-out session is never given tokens again", late);
    }

    private HttpRequest refreshRequest(String cookies) {
        return HttpRequest.newBuilder(URI.create(applicationUrl + AppRefreshServlet.PATH)).timeout(REQUEST_TIMEOUT)
                .header("Cookie", cookies).header("Origin", origin).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private HttpRequest dataRequest(String cookies) {
        return HttpRequest.newBuilder(URI.create(applicationUrl + dataPath)).timeout(REQUEST_TIMEOUT)
                .header("Cookie", cookies).header("Accept", "application/json").GET().build();
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void check(boolean condition, String promise, HttpResponse<String> answer) {
        if (!condition) {
            throw new AssertionError(promise + ": " + answer.request().method() + " " + answer.uri() + " answered "
                    + answer.statusCode() + " " + answer.body() + ", Set-Cookie " + answer.headers().allValues("Set-Cookie"));
        }
    }
}
