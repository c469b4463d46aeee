package org.tokenrefresh.ee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.ee.it.Http.cookies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.tokenrefresh.internal.servlet.AuthEndpoints;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthHttpServer;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.testsupport.PayaraMicro;
import org.tokenrefresh.testsupport.ownauth.ApiApplication;
import org.tokenrefresh.testsupport.ownauth.AppLogoutServlet;
import org.tokenrefresh.testsupport.ownauth.AppRefreshServlet;
import org.tokenrefresh.testsupport.ownauth.AppStatusServlet;
import org.tokenrefresh.testsupport.ownauth.OwnRefreshPage;
import org.tokenrefresh.testsupport.ownauth.StatusResource;

/**
 * Issue 11 on Payara Micro 6: the application's own auth endpoints and token cookies win, with the library's
 * jars dropped into {@code WEB-INF/lib}. One Payara Micro process deploys four WARs of test-support's
 * {@code ownauth} application (the one {@code ApplicationOwnAuthIT} runs on Tomcat), each the library plus:
 * <ul>
 * <li>{@code /ownauth}: its own servlets at {@code /api/auth/status}, {@code /api/auth/refresh} (rotating the
 * tokens at the backend itself) and {@code /logout}, and a protected {@code /api/*} that validates the access
 * token at the backend; the library's endpoints path is the default;</li>
 * <li>{@code /ownauth-moved}: the same, with {@code tokenrefresh.endpoints-path=/token-refresh} in its own
 * {@code META-INF/microprofile-config.properties} (a setting of this application only);</li>
 * <li>{@code /ownauth-jaxrs}: a JAX-RS application at {@code @ApplicationPath("/api")} with a resource at
 * {@code /api/auth/status}, which Payara's Jersey maps itself;</li>
 * <li>{@code /ownauth-plain}: nothing at {@code /api/auth}: the library serves its endpoints there.</li>
 * </ul>
 * The strict mock auth backend (a reused refresh token revokes its family) runs in this JVM on 127.0.0.1 and
 * issues 12-second access tokens, so that a session lives through several of them on real time (Payara's clock
 * cannot be moved); a login is issued half a lifetime in the past, so that it is due at once. Every setting is
 * the administrator's ({@code -D}, for all four applications) except the moved path, which one application
 * packages itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationOwnAuthPayaraIT {

    /** Due after 6 s (the library refreshes at half-life), expired after 12 s. */
    private static final Duration ACCESS_TTL = Duration.ofSeconds(12);
    private static final String OWN = "ownauth";
    private static final String MOVED = "ownauth-moved";
    private static final String JAXRS = "ownauth-jaxrs";
    private static final String PLAIN = "ownauth-plain";
    private static final String LIBRARY_STATUS = "{\"authenticated\":true,\"expiresAt\":";
    private static final String ENDPOINTS_LOGGER = AuthEndpoints.class.getName();
    private static final Pattern ANSI_COLOUR = Pattern.compile("\u001B\\[[;\\d]*m");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** The backend's clock: real time, shifted back only while it issues a login that is due at once. */
    private final MutableClock clock = MutableClock.followingSystemTime();
    private MockAuthBackend backend;
    private MockAuthHttpServer mock;
    private PayaraMicro micro;
    private long startedMillis;

    @BeforeAll
    void deployFourApplicationsOnOnePayaraMicro() throws Exception {
        long began = System.nanoTime();
        backend = MockAuthBackend.builder().clock(clock).accessTokenLifetime(ACCESS_TTL).build();
        mock = new MockAuthHttpServer(backend).start();
        Path wars = Nodes.workDir(OWN);
        Class<?>[] ownServlets = {AppStatusServlet.class, AppRefreshServlet.class, AppLogoutServlet.class};
        Path own = TestWar.named(OWN).withLibrary().withTestApplication().withClasses(ownServlets).exportTo(wars);
        Path moved = TestWar.named(MOVED).withLibrary().withTestApplication().withClasses(ownServlets)
                .withMicroProfileConfig("tokenrefresh.endpoints-path=/token-refresh\n").exportTo(wars);
        Path jaxrs = TestWar.named(JAXRS).withLibrary().withClasses(ApiApplication.class, StatusResource.class).exportTo(wars);
        Path plain = TestWar.named(PLAIN).withLibrary().exportTo(wars);
        micro = Nodes.node(OWN, OWN)
                .jvmOptions("-Xmx512m",
                        // the administrator's settings, for every application of the server
                        "-Dtokenrefresh.backend-url=" + mock.baseUrl() + "/api/auth/refresh",
                        // the applications' own settings: where they validate and refresh tokens themselves
                        "-Dit.validate-url=" + mock.baseUrl() + "/api/validate",
                        "-D" + AppRefreshServlet.REFRESH_URL_PROPERTY + "=" + mock.baseUrl() + "/api/auth/refresh")
                .deploy(own).deploy(moved).deploy(jaxrs).deploy(plain)
                .start();
        micro.awaitReady(Duration.ofSeconds(300));
        startedMillis = (System.nanoTime() - began) / 1_000_000;
        System.out.println("IT ownauth: four WARs deployed on one Payara Micro in " + startedMillis + " ms");
    }

    @AfterAll
    @SuppressWarnings("try") // the resources are only there to be closed
    void stop() throws Exception {
        // closed in reverse order (Payara Micro first), each even when the other fails; null ones skipped
        try (AutoCloseable backendServer = mock; AutoCloseable server = micro) {
            // nothing else to do
        }
    }

    // ---- the application's endpoints win ----

    @Test
    @Order(1)
    void applicationsOwnAuthServletsKeepAnsweringWithTheLibraryDroppedIn() {
        TokenSet login = backend.login("demo", "demo");
        String cookies = cookies(login.accessToken(), login.refreshToken());
        assertEquals(AppStatusServlet.BODY, ok(get(OWN, AppStatusServlet.PATH, cookies)).body(), "the application's body, unchanged");
        assertEquals(AppRefreshServlet.BODY, ok(post(OWN, AppRefreshServlet.PATH, cookies)).body());
        assertEquals(1, backend.refreshCalls(login.familyId()), "the application's own rotation, and nothing else");
    }

    @Test
    @Order(2)
    void jaxRsApplicationOverTheDefaultEndpointsPathWinsOverTheLibrary() {
        TokenSet login = backend.login("demo", "demo");
        HttpResponse<String> status = ok(get(JAXRS, AppStatusServlet.PATH, cookies(login.accessToken(), login.refreshToken())));
        assertEquals(StatusResource.BODY, status.body(), "the application's resource answers, not the library");
    }

    @Test
    @Order(3)
    void endpointsPathPackagedInTheApplicationMovesTheLibrarysEndpointsBesideTheApplicationsOwn() {
        TokenSet login = backend.login("demo", "demo");
        String cookies = cookies(login.accessToken(), login.refreshToken());
        assertEquals(AppStatusServlet.BODY, get(MOVED, AppStatusServlet.PATH, cookies).body());
        HttpResponse<String> library = ok(get(MOVED, "/token-refresh/status", cookies));
        assertTrue(library.body().startsWith(LIBRARY_STATUS), library.body());
    }

    @Test
    @Order(4)
    void withoutACollisionTheDefaultPathServesTheLibrarysEndpoints() {
        TokenSet login = backend.login("demo", "demo");
        String cookies = cookies(login.accessToken(), login.refreshToken());
        HttpResponse<String> status = ok(get(PLAIN, AppStatusServlet.PATH, cookies));
        assertTrue(status.body().startsWith(LIBRARY_STATUS), status.body());
        HttpResponse<String> refresh = ok(post(PLAIN, AppRefreshServlet.PATH, cookies));
        assertTrue(refresh.body().startsWith("{\"refreshed\":true,\"expiresAt\":"), "the library's refresh endpoint: " + refresh.body());
        assertEquals(1, backend.refreshCalls(login.familyId()));
    }

    // ---- the application's token cookies win ----

    @Test
    @Order(5)
    void applicationsOwnRefreshEndpointAndParallelRequestsNeverReuseARefreshTokenAcrossSeveralLifetimes() {
        long began = System.nanoTime();
        TokenSet login = dueLogin();
        OwnRefreshPage page = new OwnRefreshPage(http, micro.baseUrl() + "/" + OWN, "/api/data", login.accessToken(), login.refreshToken());
        for (int lifetime = 0; lifetime < 4; lifetime++) {
            page.awaitAccessTokenDue();
            // in odd rounds the browser keeps a parallel response's pair, which the application has spent
            page.refreshWhileRequestsRun(6, 2, lifetime % 2 == 0);
        }
        assertEquals(0, backend.reuseDetections(), "no refresh token was ever sent twice");
        assertEquals(0, backend.revokedFamilies());
        // the application's refresh endpoint never gets that spent token: it gets the application's pair
        page.refreshAlone();
        assertEquals(0, backend.reuseDetections(), "no refresh token was ever sent twice");
        assertTrue(backend.refreshCalls(login.familyId()) >= 8, "the library's and the application's rotations: "
                + backend.refreshCalls(login.familyId()));
        System.out.println("IT ownauth: four token lifetimes in " + (System.nanoTime() - began) / 1_000_000 + " ms, "
                + backend.refreshCalls(login.familyId()) + " rotations");
    }

    @Test
    @Order(6)
    void applicationsLogoutClearsTheCookiesAndTheLibraryWritesNoneBack() {
        TokenSet login = dueLogin(); // the library refreshes before the logout runs
        OwnRefreshPage page = new OwnRefreshPage(http, micro.baseUrl() + "/" + OWN, "/api/data", login.accessToken(), login.refreshToken());
        page.logOut();
        assertEquals(1, backend.refreshCalls(login.familyId()), "the refresh before the logout only");
        assertEquals(0, backend.reuseDetections());
    }

    // ---- and says so once ----

    @Test
    @Order(7)
    void eachEndpointLeftToTheApplicationIsReportedByOneWarningAtStartUp() {
        List<String> warnings = endpointWarnings(micro.log());
        String key = "tokenrefresh.endpoints-path";
        assertEquals(4, warnings.size(), "two endpoints each for /" + OWN + " and /" + JAXRS + ", none for the others, after"
                + " every request of this class: " + warnings);
        assertEquals(1, count(warnings, "application /" + OWN + " ", AppStatusServlet.PATH, AppStatusServlet.class.getName(), key), warnings.toString());
        assertEquals(1, count(warnings, "application /" + OWN + " ", AppRefreshServlet.PATH, AppRefreshServlet.class.getName(), key), warnings.toString());
        assertEquals(1, count(warnings, "application /" + JAXRS + " ", AppStatusServlet.PATH, ApiApplication.class.getName(), key), warnings.toString());
        assertEquals(1, count(warnings, "application /" + JAXRS + " ", AppRefreshServlet.PATH, ApiApplication.class.getName(), key), warnings.toString());
    }

    /** A session whose access token is due now (issued half its lifetime ago) and valid for six seconds more. */
    private synchronized TokenSet dueLogin() {
        clock.advance(ACCESS_TTL.dividedBy(2).negated());
        try {
            return backend.login("demo", "demo");
        } finally {
            clock.reset();
        }
    }

    /** The messages of the library's endpoint WARNINGs in Payara Micro's console, one a line. */
    static List<String> endpointWarnings(String log) {
        // "[time] [] [WARNING] [] [logger] [tid: ...] [timeMillis: ...] [levelValue: 900] message", level and logger in colour
        Pattern record = Pattern.compile("\\[(WARNING|SEVERE)\\] \\[[^\\]]*\\] \\[" + Pattern.quote(ENDPOINTS_LOGGER)
                + "\\] .*?\\[levelValue: \\d+\\] (.*)");
        List<String> found = new ArrayList<>();
        for (String line : ANSI_COLOUR.matcher(log).replaceAll("").split("\\R")) {
            Matcher matcher = record.matcher(line);
            if (matcher.find()) {
                found.add(matcher.group(2));
            }
        }
        return found;
    }

    private static long count(List<String> lines, String... parts) {
        return lines.stream().filter(line -> {
            for (String part : parts) {
                if (!line.contains(part)) {
                    return false;
                }
            }
            return true;
        }).count();
    }

    private HttpResponse<String> get(String context, String path, String cookies) {
        return send(HttpRequest.newBuilder(uri(context, path)).header("Cookie", cookies).GET());
    }

    /** A same-origin POST, as the page's script sends it. */
    private HttpResponse<String> post(String context, String path, String cookies) {
        return send(HttpRequest.newBuilder(uri(context, path)).header("Cookie", cookies).header("Origin", micro.baseUrl())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The response, after checking it is a 200 (its body is the failure message otherwise). */
    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private URI uri(String context, String path) {
        return URI.create(micro.baseUrl() + "/" + context + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
