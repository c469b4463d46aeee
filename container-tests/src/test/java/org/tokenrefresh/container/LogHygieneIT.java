package org.tokenrefresh.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.container.Browser.line;
import static org.tokenrefresh.container.Browser.nowSeconds;
import static org.tokenrefresh.container.Browser.setCookie;
import static org.tokenrefresh.container.Browser.unsignedJwt;
import static org.tokenrefresh.container.ContainerScenarios.assertAppSawNewToken;
import static org.tokenrefresh.container.ContainerScenarios.dueUnsignedToken;
import static org.tokenrefresh.container.ContainerScenarios.eventually;
import static org.tokenrefresh.container.ContainerScenarios.expiredToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.tokenrefresh.container.server.ContainerServer.Library;
import org.tokenrefresh.container.server.ServerSettings;
import org.tokenrefresh.container.server.TomcatServer;
import org.tokenrefresh.mockauth.TokenSet;

/**
 * Log hygiene by construction: no logger the library ships, its own or the HttpClient the {@code -all} jar
 * relocates under {@code org.tokenrefresh.internal.hc}, writes a token, a refresh request body, an
 * {@code Authorization} header or a client secret, at any level (README, "Security").
 *
 * <h2>How</h2>
 * One start of Tomcat 11 (the server of the audit that found the relocated wire logger writing tokens), with a
 * {@code conf/logging.properties} that sets {@code org.tokenrefresh} to {@code ALL}, names the relocated packages
 * too ({@code org.tokenrefresh.internal.hc}, its {@code .wire} and {@code .headers}: the library's pin must win over
 * an administrator's explicit line) and has every handler at {@code ALL}. Two applications, each the {@code -all}
 * jar with Jersey's client in {@code WEB-INF/lib} and its own settings as context-params: {@code json.war}
 * (protocol {@code json}) and {@code oauth2.war} (protocol {@code oauth2}, {@code client_secret_basic}). Each goes
 * through a full session: proactive refresh; the session going on with the cookies the library wrote (vouched by
 * their MAC); 401 replay of a GET and of a POST; outbound relay through {@code TokenRefreshClientFeature} (a good
 * token, then one the downstream API rejects, refreshed on its 401 and resent); the session ended at the backend;
 * the backend unavailable (503) and back.
 * <p>
 * Every secret is kept as it goes by: the cookies the browser sends and gets, and, through a {@link Wiretap} in
 * front of the mock backend (which is also the downstream API), every {@code Authorization} header (Bearer tokens,
 * Basic client credentials), refresh request body and issued token. Then, with the server stopped (every handler
 * flushed), every record of an {@code org.tokenrefresh*} logger in the console and in {@code catalina.log} is
 * scanned for each secret, every {@value Secrets#FRAGMENT}-character fragment of one, and the shapes of a secret
 * ({@code refresh_token=}, {@code "refreshToken"}, a JWT, a {@code Bearer}/{@code Basic} credential). The
 * container's own loggers are out of scope: what they hold is reported, not asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogHygieneIT {

    /**
     * The administrator's logging set-up: the distribution's handlers (console and {@code catalina.log}, at
     * {@code ALL}; the file handler synchronous, so that a stopped server has written everything), a format that
     * names the logger, and the library's packages at {@code ALL}, the relocated HttpClient's named explicitly.
     */
    static final String LOGGING = String.join("\n",
            "handlers = 1catalina.org.apache.juli.FileHandler, java.util.logging.ConsoleHandler",
            ".handlers = 1catalina.org.apache.juli.FileHandler, java.util.logging.ConsoleHandler",
            "1catalina.org.apache.juli.FileHandler.level = ALL",
            "1catalina.org.apache.juli.FileHandler.directory = ${catalina.base}/logs",
            "1catalina.org.apache.juli.FileHandler.prefix = catalina",
            "1catalina.org.apache.juli.FileHandler.suffix = .log",
            "1catalina.org.apache.juli.FileHandler.rotatable = false",
            "1catalina.org.apache.juli.FileHandler.encoding = UTF-8",
            "1catalina.org.apache.juli.FileHandler.formatter = java.util.logging.SimpleFormatter",
            "java.util.logging.ConsoleHandler.level = ALL",
            "java.util.logging.ConsoleHandler.encoding = UTF-8",
            "java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter",
            "java.util.logging.SimpleFormatter.format = " + ServerLogs.RECORD_FORMAT,
            "org.tokenrefresh.level = ALL",
            "org.tokenrefresh.internal.hc.level = ALL",
            "org.tokenrefresh.internal.hc.client5.http.wire.level = ALL",
            "org.tokenrefresh.internal.hc.client5.http.headers.level = ALL",
            "org.tokenrefresh.internal.slf4j.level = ALL",
            "");

    private static final String LIBRARY = "org.tokenrefresh";
    private static final String RELOCATED_HTTP_CLIENT = "org.tokenrefresh.internal.hc.";
    private static final Set<String> DEBUG_LEVELS = Set.of("FINE", "FINER", "FINEST");
    /** What the library pins off in the -all jar: bodies, headers, and request lines (with the backend URL's query). */
    private static final List<String> PINNED = List.of("org.tokenrefresh.internal.hc.client5.http.wire",
            "org.tokenrefresh.internal.hc.client5.http.headers",
            "org.tokenrefresh.internal.hc.client5.http.impl.classic.MainClientExec");

    private final TomcatServer server = TomcatServer.tomcat11().withLogging(
            "logging.properties: org.tokenrefresh at ALL", LOGGING);
    private final Secrets secrets = new Secrets();
    private MockAuth mock;
    private Wiretap tap;
    private URI root;
    private long startedNanos;

    @BeforeAll
    void startServer() {
        startedNanos = System.nanoTime();
        mock = new MockAuth();
        tap = new Wiretap(mock.baseUrl());
        secrets.add("client secret", mock.clientSecret());
        Path wars = Path.of(System.getProperty("matrix.work", "target/matrix"), "wars", "hygiene");
        List<Path> jersey = MatrixWar.jerseyClientJars();
        // A query on the backend URL may carry a credential (an API key): kept out of logs like the rest.
        String query = "tenant-key=" + UUID.randomUUID();
        secrets.add("backend-url query", query);
        Path json = MatrixWar.named("json", Library.FILTER).withRelay(jersey).withContextParams(
                Map.of("tokenrefresh.backend-url", tap.baseUrl() + MockAuth.JSON_REFRESH_PATH + "?" + query)).write(wars);
        Map<String, String> oauth2Params = new LinkedHashMap<>();
        oauth2Params.put("tokenrefresh.backend-url", tap.baseUrl() + MockAuth.OAUTH2_TOKEN_PATH);
        oauth2Params.put("tokenrefresh.protocol", "oauth2");
        oauth2Params.put("tokenrefresh.client-id", MockAuth.CLIENT_ID);
        oauth2Params.put("tokenrefresh.client-secret", mock.clientSecret());
        Path oauth2 = MatrixWar.named("oauth2", Library.FILTER).withRelay(jersey).withContextParams(oauth2Params).write(wars);
        // Server-wide (environment variables): what both applications share.
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("tokenrefresh.replay", "all");
        shared.put("tokenrefresh.max-retries", "1");
        shared.put("tokenrefresh.retry-delay", "100ms");
        shared.put("tokenrefresh.endpoints-path", "/token-refresh");
        root = server.start(List.of(json, oauth2), new ServerSettings(shared, Map.of("matrix.auth-url", tap.baseUrl())));
        System.out.println("HYGIENE " + server + " started in " + server.startMillis() + " ms at " + root);
    }

    @AfterAll
    void stopServer() {
        try {
            server.close();
        } finally {
            if (tap != null) {
                tap.close();
            }
            if (mock != null) {
                mock.close();
            }
            System.out.println("HYGIENE wall time (server start, both sessions, scan, stop): "
                    + (System.nanoTime() - startedNanos) / 1_000_000 + " ms");
        }
    }

    @Test
    @Order(1)
    void fullSessionWithProtocolJsonRunsEveryPathThatLogs() {
        fullSession("json");
        assertTrue(refreshCalls(MockAuth.JSON_REFRESH_PATH, "\"refreshToken\"") >= 5, "json refresh calls: " + tap.exchanges());
    }

    @Test
    @Order(2)
    void fullSessionWithProtocolOauth2AndAClientSecretRunsEveryPathThatLogs() {
        fullSession("oauth2");
        assertTrue(refreshCalls(MockAuth.OAUTH2_TOKEN_PATH, "refresh_token=") >= 5, "oauth2 refresh calls: " + tap.exchanges());
        assertTrue(tap.exchanges().stream().filter(e -> e.path().equals(MockAuth.OAUTH2_TOKEN_PATH))
                .allMatch(e -> e.authorization() != null && e.authorization().startsWith("Basic ")),
                "every oauth2 call authenticated the client with Basic credentials");
    }

    @Test
    @Order(3)
    void noRecordOfTheLibrarysLoggersAtLevelAllHoldsATokenASecretOrARefreshRequestBody() {
        server.close(); // every handler flushed and closed: the logs are complete
        tap.exchanges().forEach(secrets::addExchange);
        List<String> leaks = new ArrayList<>();
        Set<String> leakedSecrets = new HashSet<>();
        Map<String, Integer> leaksByLogger = new TreeMap<>();
        List<String> containerFindings = new ArrayList<>();
        Map<String, Integer> libraryRecordsByLevel = new TreeMap<>();
        int ownDebug = 0;
        int relocatedDebug = 0;
        int pinned = 0;
        List<Path> files = server.logFiles();
        for (Path file : files) {
            for (ServerLogs.Entry record : ServerLogs.records(read(file))) {
                List<Secrets.Finding> found = secrets.findIn(record.text());
                String where = file.getFileName() + " " + record.level() + " [" + record.logger() + "] ";
                if (!record.logger().startsWith(LIBRARY)) {
                    found.forEach(finding -> containerFindings.add(where + finding));
                    continue;
                }
                libraryRecordsByLevel.merge(record.level(), 1, Integer::sum);
                if (DEBUG_LEVELS.contains(record.level())) {
                    if (record.logger().startsWith(RELOCATED_HTTP_CLIENT)) {
                        relocatedDebug++;
                    } else {
                        ownDebug++;
                    }
                }
                pinned += PINNED.stream().anyMatch(name -> record.logger().startsWith(name)) ? 1 : 0;
                if (!found.isEmpty()) {
                    leaks.add(where + found + ": " + abbreviate(record.text()));
                    leaksByLogger.merge(record.logger(), 1, Integer::sum);
                    found.stream().map(Secrets.Finding::value).filter(Objects::nonNull).forEach(leakedSecrets::add);
                }
            }
        }
        System.out.println("HYGIENE scanned " + files.stream().map(Path::getFileName).toList() + ": library records by level "
                + libraryRecordsByLevel + ", at FINE and below the library's own " + ownDebug + " and the relocated HttpClient's "
                + relocatedDebug + "; " + secrets.size() + " secrets "
                + secrets.countsByKind() + "; library records holding a secret " + leaks.size() + " " + leaksByLogger + ", "
                + leakedSecrets.size() + " of the " + secrets.size() + " secrets in them; container records holding a secret "
                + containerFindings.size() + (containerFindings.isEmpty() ? "" : " " + containerFindings));

        assertTrue(secrets.size() >= 60, "the sessions' secrets were collected: " + secrets.countsByKind());
        // Both logs hold every record: the console alone has about 50 of the library's own and 300 of HttpClient's.
        assertTrue(ownDebug >= 40, "the library logged its routine at FINE (the scan looked at something): " + ownDebug);
        assertTrue(relocatedDebug >= 100, "the relocated HttpClient logged its debug output (its loggers were at ALL, and"
                + " only the pinned ones stayed silent): " + relocatedDebug);
        assertEquals(List.of(), leaks, leaks.size() + " records of the library's loggers hold a secret (" + leakedSecrets.size()
                + " of the " + secrets.size() + " secrets the session saw), by logger " + leaksByLogger);
        assertEquals(0, pinned, "records of the pinned wire, header and request-line loggers");
    }

    /** Proactive refresh, the session going on (vouched), 401 replay GET and POST, relay, ended, unavailable. */
    private void fullSession(String context) {
        URI app = root.resolve(context + "/");
        TokenSet login = login();
        BrowserSession browser = new BrowserSession(app);

        String due = dueUnsignedToken();
        browser.cookie("authToken", due).cookie("refreshToken", login.refreshToken());
        assertAppSawNewToken(browser.get("api/data"), due);
        assertNotNull(browser.jar.get("refreshToken-mac"), "the library vouches for the refresh token it wrote: " + browser.jar.keySet());

        String rejected = rejectedToken();
        browser.cookie("authToken", rejected);
        assertAppSawNewToken(browser.get("api/data"), rejected);

        rejected = rejectedToken();
        browser.cookie("authToken", rejected);
        String body = "order=42&note=" + UUID.randomUUID();
        HttpResponse<String> replayed = browser.post("form", body);
        assertAppSawNewToken(replayed, rejected);
        assertEquals(body, line(replayed.body(), "body"), "the replay gave the application the same body");

        HttpResponse<String> relayed = browser.get("relay");
        assertEquals("200", line(relayed.body(), "downstream"), "the good token was relayed: " + relayed.body());
        browser.cookie("authToken", rejectedToken());
        HttpResponse<String> resent = browser.get("relay");
        assertEquals("200", line(resent.body(), "downstream"), "refreshed on the downstream 401 and resent: " + resent.body());
        assertNotNull(setCookie(resent, "authToken"), "the relay's refresh went on the inbound response: " + resent.headers().map());

        mock.revoke(login);
        browser.cookie("authToken", expiredToken());
        HttpResponse<String> ended = browser.get("api/data");
        assertEquals(401, ended.statusCode(), ended.body());
        assertTrue(ended.body().contains("\"session_expired\""), ended.body());

        TokenSet stillValid = login(MockAuth.ACCESS_TTL.minusMinutes(1));
        TokenSet expired = login();
        BrowserSession proceeding = new BrowserSession(app).cookie("authToken", stillValid.accessToken())
                .cookie("refreshToken", stillValid.refreshToken());
        BrowserSession waiting = new BrowserSession(app).cookie("authToken", expiredToken())
                .cookie("refreshToken", expired.refreshToken());
        mock.unavailable(2);
        try {
            assertEquals(200, proceeding.get("api/data").statusCode(), "a still-valid token goes on");
            HttpResponse<String> unavailable = waiting.get("api/data");
            assertEquals(503, unavailable.statusCode(), unavailable.body());
        } finally {
            mock.recover();
        }
        assertTrue(eventually(() -> waiting.get("api/data").statusCode() == 200, Duration.ofSeconds(30)),
                "refreshes again once the backend is back");
    }

    private TokenSet login() {
        return login(Duration.ZERO);
    }

    /** A new session whose access token was issued {@code ago}; its tokens are secrets too. */
    private TokenSet login(Duration ago) {
        TokenSet session = ago.isZero() ? mock.login() : mock.loginIssued(ago);
        secrets.add("access token", session.accessToken());
        secrets.add("refresh token", session.refreshToken());
        return session;
    }

    /** A token that is not due, which the application (and the downstream API) rejects: unsigned. */
    private static String rejectedToken() {
        return unsignedJwt(nowSeconds(), nowSeconds() + 3600);
    }

    /** Refresh calls of one protocol that the backend answered with new tokens. */
    private long refreshCalls(String path, String bodyShape) {
        return tap.exchanges().stream().filter(e -> e.path().equals(path) && e.status() == 200
                && e.requestBody().contains(bodyShape)).count();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /** A browser on one application: a cookie jar the responses update; every cookie value it sends or gets is a secret. */
    private final class BrowserSession {

        private final URI app;
        private final Map<String, String> jar = new LinkedHashMap<>();

        BrowserSession(URI app) {
            this.app = app;
        }

        BrowserSession cookie(String name, String value) {
            jar.put(name, value);
            return this;
        }

        HttpResponse<String> get(String path) {
            return remember(Browser.get(app.resolve(path), cookieHeader()));
        }

        HttpResponse<String> post(String path, String body) {
            return remember(Browser.post(app.resolve(path), cookieHeader(), body));
        }

        private String cookieHeader() {
            String header = jar.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
            secrets.addCookieHeader(header);
            return header;
        }

        private HttpResponse<String> remember(HttpResponse<String> response) {
            secrets.addSetCookies(response);
            for (String header : response.headers().allValues("Set-Cookie")) {
                String name = header.substring(0, header.indexOf('='));
                if (header.contains("Max-Age=0")) {
                    jar.remove(name);
                } else {
                    jar.put(name, Browser.cookieValue(response, name));
                }
            }
            return response;
        }
    }
}
