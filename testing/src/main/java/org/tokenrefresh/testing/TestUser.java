package org.tokenrefresh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opentest4j.AssertionFailedError;
import org.tokenrefresh.mockauth.Claims;
import org.tokenrefresh.testsupport.CookieJar;
import org.tokenrefresh.testsupport.Loopback;

/**
 * A user of the application under test, on the test side (an Arquillian {@code @RunAsClient} test or a plain JUnit
 * test): logs in, keeps the cookies as a browser does, calls the application, and tells what happened to the
 * session. Time control moves the access token's expiry without waiting.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * TestUser user = TestUser.of(application, AUTH).login("demo", "demo");
 * user.expireAccessTokenNow();                          // the next request finds it expired
 * assertEquals(200, user.get("api/orders").statusCode());
 * assertEquals(1, user.rotations());
 * user.assertNeverLoggedOut();
 * user.assertNoRefreshTokenSentTwice();
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Paths are relative to the application's URL ({@code "api/orders"} and {@code "/api/orders"} alike); the host is
 *       always 127.0.0.1. Redirects are not followed, so a test sees them.</li>
 *   <li>Cookies: every cookie the application sets is kept and sent back as a browser would ({@code HttpOnly} ones too,
 *       {@code Path} honoured, {@code Max-Age=0} removes): the access and refresh cookies, and the library's
 *       {@code <refresh-cookie>-mac}. {@link #login} logs in at the mock auth backend and sets the two token cookies as
 *       the application's own login would; an application's login page works as well ({@link #postForm}).</li>
 *   <li>Logged out means: a response answered 401, or cleared the access or refresh token. Each is recorded
 *       ({@link #logouts()}).</li>
 *   <li>A token larger than one cookie, which the library writes in chunks {@code <name>-1}, {@code <name>-2}, ..., is
 *       read back joined, as the library reads it.</li>
 *   <li>A rotation is a response that replaced the refresh cookie by a value not seen before.</li>
 *   <li>Requests wait at most 60 s. Thread-safe: {@link #parallel} sends requests at once, as a page does.</li>
 *   <li>Token values are never shown in messages or {@code toString()}.</li>
 * </ul>
 */
public final class TestUser {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int BODY_SHOWN = 200;

    private final URI application;
    private final MockAuth auth;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final CookieJar jar = new CookieJar(Clock.systemUTC());
    private final Set<String> refreshTokensSeen = new HashSet<>(); // guarded by this
    private final Set<String> sessions = new LinkedHashSet<>(); // guarded by this
    private final List<String> logouts = new CopyOnWriteArrayList<>();
    private int rotations; // guarded by this
    private volatile String accessCookie = "authToken";
    private volatile String refreshCookie = "refreshToken";

    private TestUser(URI application, MockAuth auth) {
        this.application = application;
        this.auth = Objects.requireNonNull(auth, "auth");
    }

    /** A user of the application at {@code application} (as Arquillian injects it), logging in at {@code auth}. */
    public static TestUser of(URL application, MockAuth auth) {
        return of(application.toString(), auth);
    }

    /** Same, with the application's URL as text ({@code http://127.0.0.1:8080/orders/}). */
    public static TestUser of(String application, MockAuth auth) {
        URI given = URI.create(application);
        if (given.getScheme() == null || given.getHost() == null) {
            throw new IllegalArgumentException("not an application URL: " + application);
        }
        String path = given.getRawPath() == null || given.getRawPath().isEmpty() ? "/" : given.getRawPath();
        return new TestUser(URI.create(given.getScheme() + "://" + Loopback.ADDRESS + (given.getPort() < 0 ? "" : ":" + given.getPort())
                + (path.endsWith("/") ? path : path + "/")), auth);
    }

    /** The names of the token cookies, when the application set {@code tokenrefresh.access-cookie} and {@code refresh-cookie}. */
    public TestUser cookieNames(String accessCookieName, String refreshCookieName) {
        this.accessCookie = Objects.requireNonNull(accessCookieName, "accessCookieName");
        this.refreshCookie = Objects.requireNonNull(refreshCookieName, "refreshCookieName");
        return this;
    }

    /** Logs in at the mock auth backend and sets the two token cookies, as the application's login would. */
    public TestUser login(String user, String password) {
        Map<String, Object> tokens = auth.login(user, password);
        String refreshToken = (String) tokens.get("refreshToken");
        synchronized (this) {
            jar.put(accessCookie, (String) tokens.get("accessToken"));
            jar.put(refreshCookie, refreshToken);
            refreshTokensSeen.add(refreshToken);
            track((String) tokens.get("accessToken"));
        }
        return this;
    }

    // ---- calling the application

    /** {@code GET} as the page's script calls an API ({@code Accept: application/json}). */
    public HttpResponse<String> get(String path) {
        return send(request(path).header("Accept", "application/json").GET());
    }

    /** {@code GET} as the browser loads a page (a navigation: {@code Accept: text/html}, {@code Sec-Fetch-Mode: navigate}). */
    public HttpResponse<String> navigate(String path) {
        return send(request(path).header("Accept", "text/html").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document").GET());
    }

    /** {@code POST} of a body of the given content type. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** {@code POST} of a form, as a login page submits it. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /**
     * {@code requests} API calls ({@link #get}) sent at once with the cookies held now, as a page's parallel calls;
     * the answers in the order sent, each applied to the cookies as it arrives.
     */
    public List<HttpResponse<String>> parallel(int requests, String path) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        HttpRequest request = withCookies(request(path).header("Accept", "application/json").GET()).build();
        for (int i = 0; i < requests; i++) {
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(this::received));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            try {
                responses.add(call.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof IOException io ? new UncheckedIOException(io) : e;
            }
        }
        return responses;
    }

    /** Any request to the application, with the cookies added and its {@code Set-Cookie} answers kept. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return received(http.send(withCookies(request).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A request builder for a path of the application (relative to its URL), with the kit's timeout. */
    public HttpRequest.Builder request(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return HttpRequest.newBuilder(application.resolve(relative)).timeout(REQUEST_TIMEOUT);
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
        String cookies = jar.header(request.copy().build().uri().getRawPath());
        return cookies.isEmpty() ? request : request.setHeader("Cookie", cookies);
    }

    private HttpResponse<String> received(HttpResponse<String> response) {
        String path = response.request().uri().getRawPath();
        String where = response.request().method() + " " + path;
        synchronized (this) {
            String refreshBefore = token(refreshCookie);
            List<CookieJar.Change> changes = jar.receive(path, response.headers().allValues("Set-Cookie"));
            for (String name : List.of(accessCookie, refreshCookie)) {
                if (token(name) == null && changes.stream().anyMatch(c -> c.removed() && ofToken(c.name(), name))) {
                    logouts.add(where + " cleared " + name);
                }
            }
            String refreshAfter = token(refreshCookie);
            if (refreshAfter != null && refreshTokensSeen.add(refreshAfter) && refreshBefore != null) {
                rotations++;
            }
            String accessAfter = token(accessCookie);
            if (accessAfter != null) {
                track(accessAfter);
            }
        }
        if (response.statusCode() == 401) {
            String body = response.body();
            logouts.add(where + " answered 401 " + (body.length() > BODY_SHOWN ? body.substring(0, BODY_SHOWN) + "..." : body));
        }
        return response;
    }

    /**
     * A token as the library reads it back: the cookie of its plain name, else its chunks {@code <name>-1},
     * {@code <name>-2}, ... joined, for a token larger than one cookie (README, "Large tokens"); {@code null} without one.
     */
    private String token(String name) {
        String plain = jar.get(name);
        if (plain != null) {
            return plain;
        }
        StringBuilder chunks = new StringBuilder();
        for (int index = 1; jar.get(name + "-" + index) != null; index++) {
            chunks.append(jar.get(name + "-" + index));
        }
        return chunks.length() == 0 ? null : chunks.toString();
    }

    /** Whether the cookie holds the token or a chunk of it. */
    private static boolean ofToken(String cookie, String name) {
        return cookie.equals(name) || cookie.startsWith(name + "-") && cookie.substring(name.length() + 1).matches("\\d+");
    }

    /** Remembers the session (token family) of a mock access token; other tokens are not followed. */
    private void track(String accessToken) {
        try {
            sessions.add(Claims.unverified(accessToken).familyId());
        } catch (RuntimeException notTheMocks) {
            // an application may write a token of its own: nothing to follow
        }
    }

    // ---- what happened to the session

    /** The access token the cookies hold (whole, or joined from its chunks), or {@code null} when they hold none. */
    public synchronized String accessToken() {
        return token(accessCookie);
    }

    /** The refresh token the cookies hold (whole, or joined from its chunks), or {@code null} when they hold none. */
    public synchronized String refreshToken() {
        return token(refreshCookie);
    }

    /** Any cookie's value (the longest path wins), or {@code null}. */
    public String cookie(String name) {
        return jar.get(name);
    }

    /** When the access token held now expires ({@code exp}), or {@code null} without one. */
    public Instant accessTokenExpiry() {
        String token = accessToken();
        return token == null ? null : Claims.unverified(token).expiresAt();
    }

    /** The session (the mock's token family) of the access token held now, or {@code null} without one. */
    public String sessionId() {
        String token = accessToken();
        return token == null ? null : Claims.unverified(token).familyId();
    }

    /** Refresh tokens the application replaced in this user's cookies (not counting logins). */
    public synchronized int rotations() {
        return rotations;
    }

    /** Refresh calls the auth backend received for this user's sessions, whatever their answer. */
    public long refreshCalls() {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(sessions);
        }
        Map<String, Long> perSession = auth.refreshCallsPerSession();
        return ids.stream().mapToLong(id -> perSession.getOrDefault(id, 0L)).sum();
    }

    /** Refresh tokens the auth backend received again after their use, since its last reset (all users). */
    public long reuseDetections() {
        return auth.reuseDetections();
    }

    /** The responses that logged this user out: a 401, or a cleared token cookie; empty while the session holds. */
    public List<String> logouts() {
        return List.copyOf(logouts);
    }

    // ---- time control

    /** The access token held now is replaced by the same one, expired: the next request finds it expired. */
    public void expireAccessTokenNow() {
        expireAccessTokenIn(Duration.ZERO);
    }

    /** The access token held now is replaced by the same one expiring {@code expiresIn} from now (the mock's clock). */
    public void expireAccessTokenIn(Duration expiresIn) {
        String token = accessToken();
        if (token == null) {
            throw new IllegalStateException("no " + accessCookie + " cookie: log in first");
        }
        String reissued = auth.reissue(token, expiresIn);
        synchronized (this) {
            if (!jar.replace(accessCookie, reissued)) { // it was in chunks: one cookie of the plain name is read first
                for (int index = 1; jar.get(accessCookie + "-" + index) != null; index++) {
                    jar.remove(accessCookie + "-" + index);
                }
                jar.put(accessCookie, reissued);
            }
        }
    }

    // ---- assertions

    /** Fails, listing them, when any response logged the user out (a 401, or a cleared token cookie). */
    public void assertNeverLoggedOut() {
        List<String> seen = logouts();
        if (!seen.isEmpty()) {
            throw new AssertionFailedError("the user was logged out " + seen.size() + " time(s): " + String.join("; ", seen));
        }
    }

    /**
     * Fails when the auth backend received a refresh token again after its use (its reuse detections since its last
     * reset, all users): the one thing a single-use refresh token must never see.
     */
    public void assertNoRefreshTokenSentTwice() {
        long reused = reuseDetections();
        if (reused != 0) {
            throw new AssertionFailedError("the auth backend received " + reused
                    + " refresh token(s) again after their use (its reuse detections)", 0L, reused);
        }
    }

    @Override
    public synchronized String toString() {
        return "TestUser[" + application + ", sessions=" + sessions + ", rotations=" + rotations + ", logouts="
                + logouts.size() + "]";
    }
}
