package org.tokenrefresh.mockauth;

import org.tokenrefresh.testsupport.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-user rate limit of issue 9, in the backend itself: scoped to one user, honest Retry-After. */
class UserRateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final MockAuthBackend backend = MockAuthBackend.builder().clock(clock)
            .users(Map.of("alice", "a", "bob", "b"))
            .userRateLimit(3, Duration.ofMinutes(1)).build();

    @Test
    void callsPastTheLimitAreRefusedWith900SecondsAndConsumeNothing() {
        TokenSet tokens = rotate(backend, backend.login("alice", "a"), 3);

        MockAuthException limited = assertThrows(MockAuthException.class, () -> backend.refresh(tokens.refreshToken()));

        assertEquals(MockAuthException.RATE_LIMITED, limited.error());
        assertEquals(900, limited.retryAfterSeconds());
        assertEquals(1, backend.rateLimitedCalls());
        assertEquals(1, backend.rejectedCalls());
        assertEquals(0, backend.reuseDetections(), "a refused call is no reuse");
        clock.advance(Duration.ofSeconds(900));
        assertEquals("alice", backend.refresh(tokens.refreshToken()).username(), "the token survived the 429");
    }

    @Test
    void everySessionOfTheLimitedUserIsLockedOutButOtherUsersAreNot() {
        TokenSet aliceLaptop = backend.login("alice", "a");
        TokenSet alicePhone = backend.login("alice", "a");
        TokenSet bob = backend.login("bob", "b");
        TokenSet laptop = rotate(backend, aliceLaptop, 3);

        assertThrows(MockAuthException.class, () -> backend.refresh(laptop.refreshToken()));

        assertEquals(MockAuthException.RATE_LIMITED,
                assertThrows(MockAuthException.class, () -> backend.refresh(alicePhone.refreshToken())).error());
        assertEquals("bob", rotate(backend, bob, 3).username(), "bob is never limited by alice's calls");
        assertEquals(5, backend.refreshCallsOfUser("alice"));
        assertEquals(3, backend.refreshCallsOfUser("bob"));
        assertEquals(Map.of("alice", 5L, "bob", 3L), backend.refreshCallsPerUser());
        assertEquals(2, backend.rateLimitedCalls());
    }

    @Test
    void theLockOutHoldsForTheWholeRetryAfterEvenPastTheWindowAndAnswersTheSameValue() {
        TokenSet tokens = rotate(backend, backend.login("alice", "a"), 3);
        assertThrows(MockAuthException.class, () -> backend.refresh(tokens.refreshToken()));

        clock.advance(Duration.ofMinutes(5)); // the 1-minute window is long over, the lock-out is not

        assertEquals(900, assertThrows(MockAuthException.class, () -> backend.refresh(tokens.refreshToken()))
                .retryAfterSeconds());
        clock.advance(Duration.ofMinutes(10));
        TokenSet after = backend.refresh(tokens.refreshToken());
        assertEquals("alice", rotate(backend, after, 2).username(), "a fresh window after the lock-out");
    }

    @Test
    void withinTheLimitAWindowThatEndsStartsAFreshCount() {
        TokenSet tokens = rotate(backend, backend.login("alice", "a"), 3);

        clock.advance(Duration.ofMinutes(1));

        assertEquals("alice", rotate(backend, tokens, 3).username());
        assertEquals(0, backend.rateLimitedCalls());
    }

    @Test
    void retryAfterIsConfigurable() {
        MockAuthBackend shortLockOut = MockAuthBackend.builder().clock(clock).userRateLimit(1, Duration.ofMinutes(1))
                .userRateLimitRetryAfter(Duration.ofSeconds(7)).build();
        TokenSet tokens = shortLockOut.refresh(shortLockOut.login("demo", "demo").refreshToken());

        assertEquals(7, assertThrows(MockAuthException.class, () -> shortLockOut.refresh(tokens.refreshToken()))
                .retryAfterSeconds());
        clock.advance(Duration.ofSeconds(7));
        assertEquals("demo", shortLockOut.refresh(tokens.refreshToken()).username());
    }

    @Test
    void settingsAndRunTimeConfigurationSetTheLimitAndResetLiftsTheLockOut() {
        MockAuthBackend configured = MockAuthBackend.builder().clock(clock)
                .configure(Map.of("user-rate-limit", "1/15m", "user-rate-limit-retry-after", "2m")::get).build();
        TokenSet tokens = configured.refresh(configured.login("demo", "demo").refreshToken());
        assertEquals(120, assertThrows(MockAuthException.class, () -> configured.refresh(tokens.refreshToken()))
                .retryAfterSeconds());

        configured.reset();
        TokenSet next = configured.refresh(tokens.refreshToken());
        configured.configure(Map.of("user-rate-limit", "off"));

        assertEquals("demo", rotate(configured, next, 5).username());
        assertEquals("off", configured.settings().get("user-rate-limit"));
        assertEquals("120s", configured.settings().get("user-rate-limit-retry-after"));
    }

    @Test
    void perFamilyAndPerUserLimitsApplyTogether() {
        MockAuthBackend both = MockAuthBackend.builder().clock(clock).rateLimit(1, Duration.ofMinutes(1))
                .userRateLimit(10, Duration.ofMinutes(1)).build();
        TokenSet tokens = both.refresh(both.login("demo", "demo").refreshToken());

        MockAuthException familyLimit = assertThrows(MockAuthException.class, () -> both.refresh(tokens.refreshToken()));

        assertEquals(60, familyLimit.retryAfterSeconds(), "the family limit answers the rest of its window");
        assertTrue(both.settings().get("rate-limit").startsWith("1/60s"), both.settings().toString());
    }

    private static TokenSet rotate(MockAuthBackend backend, TokenSet tokens, int times) {
        TokenSet current = tokens;
        for (int i = 0; i < times; i++) {
            current = backend.refresh(current.refreshToken());
        }
        return current;
    }
}
