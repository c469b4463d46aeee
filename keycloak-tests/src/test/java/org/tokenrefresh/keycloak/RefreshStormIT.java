package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2 of issue 15: 20 sessions whose access tokens are all due, each sending 20 requests at once. With
 * Keycloak's single-use refresh tokens (Refresh Token Max Reuse 0) a second use of any of them would be refused
 * and would end that session (see {@link KeycloakServerIT}); the filter refreshes each session once (once more
 * only when the storm outlasts the new token's half-life) and hands the result to every request of the
 * session, and Keycloak records no refused refresh.
 */
@ExtendWith(KeycloakExtension.class)
class RefreshStormIT {

    private static final Logger LOG = Logger.getLogger(RefreshStormIT.class.getName());
    private static final int FIRST_USER = 5;
    private static final int SESSIONS = 20;
    private static final int REQUESTS_PER_SESSION = 20;

    @Test
    void stormWithDueTokensHasNoFailureNoReuseAndEverySessionsNextRefreshSucceeds(KeycloakApi keycloak) throws Exception {
        try (AppServer server = new AppServer(keycloak)) {
            // Every session's first refresh after its Keycloak login is unvouched (no MAC cookie yet): by default 8 run
            // at once and a due token that still works goes on unrefreshed when no slot is free (README, "On failure").
            // This storm wants all of them refreshed in it: room for every session.
            AppServer.App app = server.deploy("/app", Clock.systemUTC(), null, "unvouched-concurrency", String.valueOf(SESSIONS));
            server.start();
            List<Browser> browsers = logIn(keycloak);
            RealTime.sleepUntilAll(browsers.stream().map(Browser::tokens).toList(), Tokens::dueAt);
            for (Browser browser : browsers) {
                assertTrue(Instant.now().isAfter(browser.tokens().dueAt()), "due when the storm starts");
            }

            // 400 requests at once, the sessions interleaved
            long stormStart = System.nanoTime();
            Map<Browser, List<CompletableFuture<HttpResponse<String>>>> storm = new LinkedHashMap<>();
            browsers.forEach(b -> storm.put(b, new ArrayList<>()));
            for (int i = 0; i < REQUESTS_PER_SESSION; i++) {
                for (Browser browser : browsers) {
                    storm.get(browser).add(Browser.HTTP.sendAsync(browser.request(app.url("/api/orders")),
                            HttpResponse.BodyHandlers.ofString()));
                }
            }
            List<String> failures = new ArrayList<>();
            Map<Browser, List<HttpResponse<String>>> answers = new LinkedHashMap<>();
            for (Map.Entry<Browser, List<CompletableFuture<HttpResponse<String>>>> session : storm.entrySet()) {
                List<HttpResponse<String>> responses = new ArrayList<>();
                for (CompletableFuture<HttpResponse<String>> future : session.getValue()) {
                    HttpResponse<String> response = future.get(120, TimeUnit.SECONDS);
                    if (response.statusCode() != 200) {
                        failures.add(session.getKey().sessionId() + ": " + response.statusCode() + " " + response.body());
                    }
                    responses.add(response);
                }
                answers.put(session.getKey(), responses);
            }
            LOG.info("Storm of " + SESSIONS * REQUESTS_PER_SESSION + " requests answered in "
                    + (System.nanoTime() - stormStart) / 1_000_000 + " ms; Keycloak answered " + app.refreshTimes());
            assertEquals(List.of(), failures, "0 failures among " + SESSIONS * REQUESTS_PER_SESSION + " requests");

            // Each refresh call is one rotation at Keycloak whose successor reached the browser. One per session,
            // unless the storm outlasted the new token's half-life (5 s) on a loaded machine: then the late
            // requests' successor was due in turn and rotated once more, never reusing a token.
            Map<Browser, Integer> rotations = new LinkedHashMap<>();
            for (Map.Entry<Browser, List<HttpResponse<String>>> session : answers.entrySet()) {
                Browser browser = session.getKey();
                Set<String> successors = new HashSet<>();
                for (HttpResponse<String> response : session.getValue()) {
                    successors.add(Browser.setCookie(response, Browser.REFRESH_COOKIE).map(Browser::value).orElse("(none)"));
                }
                assertFalse(successors.contains("(none)"), "every request of the session got new cookies");
                assertFalse(successors.contains(browser.refreshToken()), "never the used refresh token again");
                rotations.put(browser, successors.size());
                browser.accept(newest(session.getValue()));
            }
            LOG.info(rotations.values().stream().filter(n -> n > 1).count() + " of " + SESSIONS
                    + " sessions rotated more than once during the storm");
            assertEquals(rotations.values().stream().mapToLong(Integer::longValue).sum(), app.refreshCalls(),
                    "every refresh call gave the browser a successor");
            assertRefreshesAtKeycloak(keycloak, rotations);

            // The newest successor is live: each session's next refresh, once its new token is due, succeeds too.
            RealTime.sleepUntilAll(browsers.stream().map(Browser::tokens).toList(), Tokens::dueAt);
            ExecutorService next = Executors.newFixedThreadPool(SESSIONS);
            try {
                Map<Browser, Future<HttpResponse<String>>> nextAnswers = new LinkedHashMap<>();
                for (Browser browser : browsers) {
                    nextAnswers.put(browser, next.submit(() -> browser.get(app.url("/api/orders"))));
                }
                for (Map.Entry<Browser, Future<HttpResponse<String>>> answer : nextAnswers.entrySet()) {
                    HttpResponse<String> response = answer.getValue().get(120, TimeUnit.SECONDS);
                    assertEquals(200, response.statusCode(), response.body());
                    assertTrue(Browser.setCookie(response, Browser.REFRESH_COOKIE).isPresent(), "rotated again");
                    rotations.merge(answer.getKey(), 1, Integer::sum);
                }
            } finally {
                next.shutdownNow();
            }
            assertRefreshesAtKeycloak(keycloak, rotations);
        }
    }

    /** The answer carrying the latest successor: the refresh token Keycloak issued last. */
    private static HttpResponse<String> newest(List<HttpResponse<String>> responses) {
        return responses.stream().max(Comparator.comparingLong(response -> Tokens.claims(
                Browser.value(Browser.setCookie(response, Browser.REFRESH_COOKIE).orElseThrow())).path("iat").asLong())).orElseThrow();
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

    /** Keycloak's own record: as many refresh grants per session as the browser saw rotations, and no refused one. */
    private static void assertRefreshesAtKeycloak(KeycloakApi keycloak, Map<Browser, Integer> rotations) throws InterruptedException {
        Set<String> sessions = rotations.keySet().stream().map(Browser::sessionId).collect(Collectors.toSet());
        long expected = rotations.values().stream().mapToLong(Integer::longValue).sum();
        Instant deadline = Instant.now().plusSeconds(10);
        Map<String, Long> granted = keycloak.countPerSession("REFRESH_TOKEN", sessions);
        while (granted.values().stream().mapToLong(Long::longValue).sum() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            granted = keycloak.countPerSession("REFRESH_TOKEN", sessions);
        }
        for (Map.Entry<Browser, Integer> session : rotations.entrySet()) {
            assertEquals(session.getValue().longValue(), granted.getOrDefault(session.getKey().sessionId(), 0L),
                    "REFRESH_TOKEN events of session " + session.getKey().sessionId());
        }
        assertEquals(Map.of(), keycloak.countPerSession("REFRESH_TOKEN_ERROR", sessions),
                "REFRESH_TOKEN_ERROR events of the storm's sessions");
    }
}
