package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenrefresh.spi.RefreshEvent;

/**
 * Scenario 1 of issue 15: users keep working across several of Keycloak's 10 s access token lifetimes. The
 * filter refreshes each token ahead of expiry (at half its lifetime), the application only ever sees tokens
 * Keycloak accepts, and every refresh token is sent to Keycloak once.
 */
@ExtendWith(KeycloakExtension.class)
class ProactiveRefreshIT {

    private static final Logger LOG = Logger.getLogger(ProactiveRefreshIT.class.getName());
    /** Three and a half access token lifetimes. */
    private static final Duration WORKING_TIME = Duration.ofSeconds(35);
    private static final Duration BETWEEN_REQUESTS = Duration.ofMillis(400);

    /** What one browser saw: each answer, and what was wrong with any of them. */
    private record Run(Browser browser, int requests, List<String> problems) {
    }

    @Test
    void usersStayLoggedInAcrossSeveralTokenLifetimesWithEveryRefreshTokenUsedOnce(KeycloakApi keycloak) throws Exception {
        try (AppServer server = new AppServer(keycloak)) {
            AppServer.App app = server.deploy("/app", Clock.systemUTC(), null);
            server.start();
            List<Browser> browsers = new ArrayList<>();
            for (int user = 2; user <= 4; user++) {
                browsers.add(new Browser(keycloak.login(KeycloakRealm.user(user))));
            }

            Instant start = Instant.now();
            Instant end = start.plus(WORKING_TIME);
            ExecutorService users = Executors.newFixedThreadPool(browsers.size());
            List<Future<Run>> running = new ArrayList<>();
            try {
                for (Browser browser : browsers) {
                    running.add(users.submit(() -> work(browser, app, end)));
                }
                long totalRotations = 0;
                for (Future<Run> future : running) {
                    Run run = future.get();
                    Browser browser = run.browser();
                    assertEquals(List.of(), run.problems(), "every one of " + run.requests() + " requests accepted");
                    int rotations = browser.refreshTokens().size() - 1;
                    LOG.info("Session " + Tokens.id(browser.sessionId()) + ": " + run.requests() + " requests, " + rotations + " rotations");
                    // 35 s of accepted requests with 10 s tokens take at least three new access tokens (seven when
                    // every request is quick: one every 5 s; fewer when answers take seconds on a loaded machine)
                    assertTrue(rotations >= 3, "refreshed ahead of expiry again and again: " + rotations + " rotations");
                    assertEquals(browser.refreshTokens().size(), new HashSet<>(browser.refreshTokens()).size(),
                            "Keycloak never handed out a refresh token twice");
                    assertEquals(rotations, keycloak.sessionEvents("REFRESH_TOKEN", browser.sessionId(), rotations).size(),
                            "each rotation is exactly one refresh at Keycloak");
                    assertEquals(0, keycloak.sessionEvents("REFRESH_TOKEN_ERROR", browser.sessionId()).size(),
                            "Keycloak refused no refresh token of the session");
                    totalRotations += rotations;
                }
                LOG.info("Keycloak answered " + app.refreshTimes());
                assertTrue(Duration.between(start, Instant.now()).compareTo(WORKING_TIME) >= 0);
                assertEquals(totalRotations, app.refreshCalls(), "one refresh call per rotation, none failed or repeated");
                assertEquals(totalRotations, app.eventCount(RefreshEvent.Type.REFRESHED));
                assertEquals(0, app.eventCount(RefreshEvent.Type.FAILED) + app.eventCount(RefreshEvent.Type.SESSION_EXPIRED));
                assertEquals(0, app.api.unauthorized.get(), "the application never saw a token Keycloak refused");
            } finally {
                users.shutdownNow();
            }
        }
    }

    /** One user's requests until {@code end}; an answer that rotates the cookies must show the app used the new token. */
    private static Run work(Browser browser, AppServer.App app, Instant end) throws Exception {
        List<String> problems = new ArrayList<>();
        int requests = 0;
        while (Instant.now().isBefore(end)) {
            HttpResponse<String> response = browser.get(app.url("/api/orders"));
            requests++;
            if (response.statusCode() != 200) {
                problems.add("request " + requests + ": " + response.statusCode() + " " + response.body());
            }
            Optional<String> access = Browser.setCookie(response, Browser.ACCESS_COOKIE);
            if (access.isPresent() && !response.body().contains("\"token\":\"" + Tokens.id(Browser.value(access.get())) + "\"")) {
                problems.add("request " + requests + ": the application did not see the new token on the same request: " + response.body());
            }
            Thread.sleep(BETWEEN_REQUESTS.toMillis());
        }
        return new Run(browser, requests, problems);
    }
}
