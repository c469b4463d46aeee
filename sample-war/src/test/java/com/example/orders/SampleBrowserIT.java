package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tokenrefresh.mockauth.Hs256Jwt;
import org.tokenrefresh.testing.MockAuth;
import org.tokenrefresh.testing.TestUser;
import org.tokenrefresh.testing.TokenRefreshDeployment;
import org.tokenrefresh.testsupport.Loopback;
import org.tokenrefresh.testsupport.PayaraMicro;

/**
 * The sample on Payara Micro, driven by real headless Chromium: a person signs in and leaves the dashboard
 * open for more than three access-token lifetimes while the page calls the API and the auth server fails now
 * and then. The page never sees a 401 or an error, the HttpOnly cookies rotate without script access, and
 * revoking the session ends on the sign-in page with the expiry message. Also: the API's own token check,
 * the library's redirect to the configured login URL, and sign-out. The testing kit gives the packaged WAR its
 * test settings, and reads and drives the mock auth server the sample deploys beside itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleBrowserIT {

    /** Short-lived tokens, so that three lifetimes pass in about half a minute. */
    private static final long TOKEN_SECONDS = 12;
    private static final String SECRET = "browser-test-signing-key-0123456789abcdef";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of("target");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private PayaraMicro micro;
    private WebDriver driver;
    private String base;
    private MockAuth auth;

    @BeforeAll
    void startSampleAndBrowser() throws Exception {
        // No skipping: a machine without the browser fails here, loudly. .ci/run installs both packages.
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium package");
        assertTrue(Files.isExecutable(CHROMEDRIVER), CHROMEDRIVER + " is missing: install Debian's chromium-driver package");

        Path packaged = Path.of(System.getProperty("sample.war", "target/token-refresh-sample.war")).toAbsolutePath();
        assertTrue(Files.isRegularFile(packaged), "the sample WAR is built by 'package': " + packaged);
        long started = System.nanoTime();
        int http = Loopback.freePort();
        // The packaged WAR with the test's settings (the testing kit's configuration jar): the application and the
        // library reach the mock auth server the sample deploys beside itself, which issues 12 s tokens.
        WebArchive war = TokenRefreshDeployment.of(ShrinkWrap.create(ZipImporter.class, "acme-orders.war")
                        .importFrom(packaged.toFile()).as(WebArchive.class))
                .config("orders.auth-server", Loopback.httpUrl(http) + "/mock-auth")
                .config("mockauth.access-ttl", TOKEN_SECONDS + "s")
                .config("orders.jwt-secret", SECRET)
                .build();
        Path deployed = TARGET.resolve("browser-it-" + war.getName());
        war.as(ZipExporter.class).exportTo(deployed.toFile(), true);
        micro = PayaraMicro.builder(Path.of(System.getProperty("payara.micro.jar", "target/payara-micro.jar")))
                .name("payara-micro-it").workDir(TARGET).httpPort(http)
                .jvmOptions("-Xmx512m", "-XX:TieredStopAtLevel=1")
                .deploy(deployed, "/").start();
        micro.awaitReady(Duration.ofMinutes(3));
        base = micro.baseUrl();
        auth = MockAuth.at(base + "/mock-auth");
        System.out.printf("Sample on Payara Micro ready at %s in %d ms%n", base, Duration.ofNanos(System.nanoTime() - started).toMillis());

        Path profile = Files.createTempDirectory(TARGET.toAbsolutePath(), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1360,1080");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(TARGET.resolve("chromedriver.log").toFile())
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    @SuppressWarnings("try") // the resources are only there to be closed
    void stop() throws Exception {
        // closed in reverse order (the browser first), each even when the other fails; null ones skipped
        try (AutoCloseable server = micro; AutoCloseable browser = driver == null ? null : driver::quit) {
            // nothing else to do
        }
    }

    @Test
    @Order(1)
    void demoCredentialsAreOnTheLoginPageAndInTheConsole() throws Exception {
        assertTrue(micro.log().contains("Demo credentials:  user demo  /  password demo"), "start-up banner");
        assertTrue(micro.log().contains("Access tokens live " + TOKEN_SECONDS + " s"), "token lifetime from -Dmockauth.access-ttl");
        HttpResponse<String> login = get("/login", null);
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("Demo credentials: <code>demo</code> / <code>demo</code>"), login.body());
        assertEquals(base + "/login", get("/", null).headers().firstValue("Location").orElse(""));
    }

    @Test
    @Order(2)
    void apiRejectsMissingForgedAndExpiredTokens() throws Exception {
        long now = Instant.now().getEpochSecond();
        Hs256Jwt jwt = new Hs256Jwt(SECRET.getBytes(StandardCharsets.UTF_8));
        Hs256Jwt otherKey = new Hs256Jwt("some-other-key-that-the-api-does-not-trust".getBytes(StandardCharsets.UTF_8));
        String valid = jwt.sign(claims(now, now + 60));
        String expired = jwt.sign(claims(now - 120, now - 60));
        String forged = otherKey.sign(claims(now, now + 60));

        assertEquals(200, get("/api/orders", "authToken=" + valid).statusCode(), "a token signed with the shared key");
        assertUnauthorized(get("/api/orders", null), "no access token");
        assertUnauthorized(get("/api/orders", "authToken=" + forged), "bad signature");
        assertUnauthorized(get("/api/me", "authToken=" + expired), "token expired");
        assertUnauthorized(get("/api/me", "authToken=not.a.jwt"), "not a JSON object");
    }

    @Test
    @Order(3)
    void dashboardStaysSignedInAcrossThreeTokenLifetimesWithoutA401() throws Exception {
        signInAsDemo();
        assertEquals("demo", driver.findElement(By.id("user")).getText());

        Cookie access0 = driver.manage().getCookieNamed("authToken");
        Cookie refresh0 = driver.manage().getCookieNamed("refreshToken");
        assertNotNull(access0, "access token cookie after login");
        assertNotNull(refresh0, "refresh token cookie after login");
        assertTrue(access0.isHttpOnly() && refresh0.isHttpOnly(), "both cookies HttpOnly");
        assertTokensInvisibleToScript(access0, refresh0);

        // Leave the page open for more than three lifetimes. Meanwhile the auth server answers one refresh
        // call with 429, one slowly and one with 503 (the dashboard's buttons).
        Duration stay = Duration.ofSeconds(3 * TOKEN_SECONDS + 5);
        long start = System.nanoTime();
        List<String> faults = new ArrayList<>(List.of("fault-429", "fault-slow", "fault-503"));
        new WebDriverWait(driver, stay.plusSeconds(30)).pollingEvery(Duration.ofMillis(500)).until(d -> {
            assertNoBadCall();
            long rotations = ((Number) js("return window.sample.rotations;")).longValue();
            if (!faults.isEmpty() && rotations >= 3 - faults.size() + 1) {
                d.findElement(By.id(faults.remove(0))).click();
            }
            return Duration.ofNanos(System.nanoTime() - start).compareTo(stay) >= 0 && faults.isEmpty();
        });
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

        List<Map<String, Object>> calls = calls();
        assertNoBadCall();
        long apiCalls = calls.stream().filter(c -> "api".equals(c.get("kind"))).count();
        long statusCalls = calls.stream().filter(c -> "status".equals(c.get("kind"))).count();
        long faultCalls = calls.stream().filter(c -> "fault".equals(c.get("kind"))).count();
        long rotations = ((Number) js("return window.sample.rotations;")).longValue();
        System.out.printf("Dashboard open %d s: %d requests (%d API, %d status), %d token rotations seen, no 401, no error%n",
                seconds, calls.size(), apiCalls, statusCalls, rotations);
        assertTrue(apiCalls >= stay.toSeconds() / 6, "the page kept calling the API: " + apiCalls);
        assertEquals(3, faultCalls, "the three fault buttons were used");
        assertTrue(rotations >= 3, "the page saw at least three new tokens: " + rotations);

        Cookie access1 = driver.manage().getCookieNamed("authToken");
        Cookie refresh1 = driver.manage().getCookieNamed("refreshToken");
        assertNotNull(refresh1, "still signed in");
        assertNotEquals(refresh0.getValue(), refresh1.getValue(), "refresh token cookie rotated");
        assertNotEquals(access0.getValue(), access1.getValue(), "access token cookie rotated");
        assertTrue(access1.isHttpOnly() && refresh1.isHttpOnly(), "rotated cookies stay HttpOnly");
        assertTokensInvisibleToScript(access1, refresh1);

        assertTrue(auth.rotations() >= 3, "rotations at the auth server: " + auth.stats());
        assertEquals(0, auth.reuseDetections(), "no refresh token was ever sent twice: " + auth.stats());
        assertTrue(auth.rejectedCalls() >= 2, "the 429 and 503 faults were answered: " + auth.stats());

        if (Boolean.TRUE.equals(js("return window.sample.eventsAvailable;"))) {
            String events = driver.findElement(By.id("events")).getText();
            assertTrue(events.contains("REFRESHED"), "the events table lists refreshes:\n" + events);
        } else {
            System.out.println("The library's events endpoint is not available: the events table stays empty");
        }

        Path screenshot = TARGET.resolve("dashboard.png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Dashboard screenshot: " + screenshot.toAbsolutePath());
    }

    @Test
    @Order(4)
    void revokingTheSessionLeadsToTheLoginPageWithTheExpiryMessage() {
        if (!driver.getCurrentUrl().endsWith("/dashboard")) {
            dashboardOrFail();
        }
        driver.findElement(By.id("revoke")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(3 * TOKEN_SECONDS));
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertEquals("Session expired. Please log in again.", driver.findElement(By.id("notice")).getText());
        assertNull(driver.manage().getCookieNamed("refreshToken"), "refresh cookie cleared");
        assertNull(driver.manage().getCookieNamed("authToken"), "access cookie cleared");

        driver.get(base + "/dashboard");
        wait.until(ExpectedConditions.urlToBe(base + "/login"));
    }

    @Test
    @Order(5)
    void pageNavigationAfterTheSessionEndedGoesToTheConfiguredLoginUrl() {
        TestUser user = TestUser.of(base, auth).login("demo", "demo");
        assertEquals(1, auth.revokeSessions("demo"), "only this session is alive: the browser's ended in the previous test");
        user.expireAccessTokenNow();

        HttpResponse<String> page = user.navigate("dashboard");

        assertEquals(302, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/login?expired=1"), page.headers().map().toString());
        assertEquals(2, user.logouts().size(), "both token cookies cleared: " + user.logouts());
        assertNull(user.refreshToken());
        assertNull(user.accessToken());
    }

    @Test
    @Order(6)
    void logOutEndsTheSessionAndClearsTheCookies() throws Exception {
        WebDriverWait wait = signInAsDemo();
        long revokedBefore = auth.revokedSessions();

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/login?loggedOut=1"));
        assertEquals("You have signed out.", driver.findElement(By.id("notice")).getText());
        assertNull(driver.manage().getCookieNamed("refreshToken"), "refresh cookie cleared");
        assertNull(driver.manage().getCookieNamed("authToken"), "access cookie cleared");
        assertEquals(revokedBefore + 1, auth.revokedSessions(), "the session ended at the auth server too");
    }

    /** Signs in on the login page and waits for the dashboard; returns that 20 s wait for what follows. */
    private WebDriverWait signInAsDemo() {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys("demo");
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("sign-in")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlToBe(base + "/dashboard"));
        return wait;
    }

    private void dashboardOrFail() {
        throw new AssertionError("the dashboard test left the browser at " + driver.getCurrentUrl());
    }

    private void assertTokensInvisibleToScript(Cookie access, Cookie refresh) {
        String visible = (String) js("return document.cookie;");
        assertFalse(visible.contains(access.getValue()), "access token readable by script: " + visible);
        assertFalse(visible.contains(refresh.getValue()), "refresh token readable by script: " + visible);
        assertFalse(visible.contains("authToken") || visible.contains("refreshToken"), "token cookies visible: " + visible);
    }

    /** Fails when any request the page made so far answered other than 2xx. */
    private void assertNoBadCall() {
        List<Map<String, Object>> bad = calls().stream().filter(c -> {
            long status = ((Number) c.get("status")).longValue();
            return status < 200 || status > 299;
        }).collect(Collectors.toList());
        if (!bad.isEmpty()) {
            throw new AssertionError("the page saw a failed request: " + bad + "\n" + micro.tail());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> calls() {
        return (List<Map<String, Object>>) js("return window.sample.calls;");
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthorized(HttpResponse<String> response, String reason) {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\":\"invalid_token\""), response.body());
        assertTrue(response.body().contains(reason), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""));
    }

    private static Map<String, Object> claims(long issuedAt, long expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "demo");
        claims.put("iss", "mock-auth");
        claims.put("iat", issuedAt);
        claims.put("exp", expiresAt);
        claims.put("fam", "test");
        return claims;
    }
}
