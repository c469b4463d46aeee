package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2 of issue 15: 20 sessions whose access tokens are all due, each sending 20 requests at once. With
 * Keycloak's single-use refresh tokens (Refresh Token Max Reuse 0) a second use of any of them would be refused
 * and would end that session; the filter makes exactly one refresh per session and hands its result to every
 * request of the session.
 */
@ExtendWith(KeycloakExtension.class)
class RefreshStormIT {

    private static final int FIRST_USER = 5;
    private static final int SESSIONS = 20;
    private static final int REQUESTS_PER_SESSION = 20;

    @Test
    void stormWithDueTokensRefreshesEachSessionOnceAndEachSessionsNextRefreshStillSucceeds(KeycloakApi keycloak) throws Exception {
        try (AppServer server = new AppServer(keycloak)) {
            AppServer.App app = server.deploy("/app", Clock.systemUTC(), null);
            server.start();
            List<Browser> browsers = logIn(keycloak);
            RealTime.sleepUntilAll(browsers.stream().map(Browser::tokens).toList(), Tokens::dueAt);
            for (Browser browser : browsers) {
                assertTrue(Instant.now().isAfter(browser.tokens().dueAt()), "due when the storm starts");
            }

            // 400 requests at once, the sessions interleaved
            Map<Browser, List<CompletableFuture<HttpResponse<String>>>> storm = new LinkedHashMap<>();
            browsers.forEach(b -> storm.put(b, new ArrayList<>()));
            for (int i = 0; i < REQUESTS_PER_SESSION; i++) {
                for (Browser browser : browsers) {
                    storm.get(browser).add(Browser.HTTP.sendAsync(browser.request(app.url("/api/orders")),
                            HttpResponse.BodyHandlers.ofString()));
                }
            }
            List<String> failures = new ArrayList<>();
            for (Map.Entry<Browser, List<CompletableFuture<HttpResponse<String>>>> session : storm.entrySet()) {
                Browser browser = session.getKey();
                Set<String> newRefreshTokens = new HashSet<>();
                for (CompletableFuture<HttpResponse<String>> future : session.getValue()) {
                    HttpResponse<String> response = future.get(120, TimeUnit.SECONDS);
                    if (response.statusCode() != 200) {
                        failures.add(browser.sessionId() + ": " + response.statusCode() + " " + response.body());
                    }
                    newRefreshTokens.add(Browser.setCookie(response, Browser.REFRESH_COOKIE).map(Browser::value).orElse("(none)"));
                }
                assertEquals(1, newRefreshTokens.size(), "every request of the session got the one successor in its cookies");
                assertNotEquals(browser.refreshToken(), newRefreshTokens.iterator().next());
                browser.accept(session.getValue().get(0).get());
            }
            assertEquals(List.of(), failures, "0 failures among " + SESSIONS * REQUESTS_PER_SESSION + " requests");
            assertEquals(SESSIONS, app.refreshCalls(), "one refresh call per session");
            assertRefreshesAtKeycloak(keycloak, browsers, 1);

            // The successor is live: each session's next refresh, once its new token is due, succeeds too.
            RealTime.sleepUntilAll(browsers.stream().map(Browser::tokens).toList(), Tokens::dueAt);
            ExecutorService next = Executors.newFixedThreadPool(SESSIONS);
            try {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (Browser browser : browsers) {
                    answers.add(next.submit(() -> browser.get(app.url("/api/orders"))));
                }
                for (int i = 0; i < SESSIONS; i++) {
                    HttpResponse<String> answer = answers.get(i).get(120, TimeUnit.SECONDS);
                    assertEquals(200, answer.statusCode(), answer.body());
                    assertEquals(3, browsers.get(i).refreshTokens().size(), "login, storm, next: two rotations");
                }
            } finally {
                next.shutdownNow();
            }
            assertEquals(2L * SESSIONS, app.refreshCalls());
            assertRefreshesAtKeycloak(keycloak, browsers, 2);
        }
    }

    private static List<Browser> logIn(KeycloakApi keycloak) throws Exception {
        ExecutorService logins = Executors.newFixedThreadPool(4);
        try {
            List<Future<Tokens>> tokens = new ArrayList<>();
            for (int user = FIRST_USER; user < FIRST_USER + SESSIONS; user++) {
                String name = KeycloakRealm.user(user);
                tokens.add(logins.submit(() -> keycloak.login(name)));
            }
            List<Browser> browsers = new ArrayList<>();
            for (Future<Tokens> login : tokens) {
                browsers.add(new Browser(login.get(60, TimeUnit.SECONDS)));
            }
            return browsers;
        } finally {
            logins.shutdownNow();
        }
    }

    /** Keycloak's own record: {@code refreshes} refresh grants per session, and no refused one. */
    private static void assertRefreshesAtKeycloak(KeycloakApi keycloak, List<Browser> browsers, int refreshes) throws InterruptedException {
        Set<String> sessions = browsers.stream().map(Browser::sessionId).collect(Collectors.toSet());
        long expected = (long) refreshes * sessions.size();
        Instant deadline = Instant.now().plusSeconds(10);
        Map<String, Long> ok = keycloak.countPerSession("REFRESH_TOKEN", sessions);
        while (ok.values().stream().mapToLong(Long::longValue).sum() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            ok = keycloak.countPerSession("REFRESH_TOKEN", sessions);
        }
        for (String session : sessions) {
            assertEquals(refreshes, ok.getOrDefault(session, 0L), "REFRESH_TOKEN events of session " + session);
        }
        assertEquals(Map.of(), keycloak.countPerSession("REFRESH_TOKEN_ERROR", sessions),
                "REFRESH_TOKEN_ERROR events of the storm's sessions");
    }
}
