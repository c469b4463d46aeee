package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void standsStillUntilAdvanced() {
        MutableClock clock = MutableClock.atEpochSecond(1_900_000_000L);

        assertEquals(Instant.ofEpochSecond(1_900_000_000L), clock.instant());
        assertEquals(1_900_000_000_000L, clock.millis());
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Instant.ofEpochSecond(1_900_000_001L, 500_000_000), clock.instant());
        assertEquals(1_900_000_001_500L, clock.millis());
        assertEquals(1_900_000_001L, clock.epochSecond());
    }

    @Test
    void keepsSubMillisecondMovesInInstantAndFloorsMillis() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(10, 999_999));

        clock.advance(Duration.ofNanos(2));

        assertEquals(Instant.ofEpochSecond(10, 1_000_001), clock.instant());
        assertEquals(10_001L, clock.millis());
        clock.advance(Duration.ofNanos(-3));
        assertEquals(10_000L, clock.millis(), "floored like Instant.toEpochMilli");
        assertEquals(clock.instant().toEpochMilli(), clock.millis());
    }

    @Test
    void movesBackAndResetsToTheStart() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

        clock.advance(Duration.ofHours(-2));
        assertEquals(Instant.parse("2025-12-31T22:00:00Z"), clock.instant());
        clock.reset();
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), clock.instant());
    }

    @Test
    void withZoneSharesTheTimeAndKeepsTheZone() {
        MutableClock clock = MutableClock.atEpochSecond(1_800_000_000L);
        ZoneId paris = ZoneId.of("Europe/Paris");

        MutableClock zoned = clock.withZone(paris);
        clock.advance(Duration.ofSeconds(30));
        zoned.advance(Duration.ofSeconds(12));

        assertEquals(paris, zoned.getZone());
        assertEquals(ZoneOffset.UTC, clock.getZone());
        assertEquals(Instant.ofEpochSecond(1_800_000_042L), clock.instant());
        assertEquals(clock.instant(), zoned.instant(), "one time, two zones");
        assertSame(clock, clock.withZone(ZoneOffset.UTC));
        assertEquals(zoned, clock.withZone(paris));
        assertNotEquals(clock, zoned);
        assertNotEquals(clock, MutableClock.atEpochSecond(1_800_000_042L), "another clock is another time source");
    }

    @Test
    void followingSystemTimeIsRealTimePlusTheOffset() {
        MutableClock clock = MutableClock.followingSystemTime();

        long before = System.currentTimeMillis();
        long now = clock.millis();
        long after = System.currentTimeMillis();
        assertTrue(now >= before && now <= after, now + " within " + before + ".." + after);

        clock.advance(Duration.ofMinutes(-55));
        long shifted = clock.millis();
        long shiftedInstant = clock.instant().toEpochMilli();
        long real = System.currentTimeMillis();
        assertTrue(real - shifted >= Duration.ofMinutes(55).toMillis(), "55 minutes behind real time");
        assertTrue(real - shiftedInstant >= Duration.ofMinutes(55).toMillis());

        clock.reset();
        assertTrue(clock.millis() >= real, "real time again");
    }

    @Test
    void concurrentAdvancesAllCount() throws Exception {
        MutableClock clock = MutableClock.atEpochSecond(0);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(40_000L, clock.millis());
    }

    @Test
    void anOffsetBeyondTheNanosecondRangeFails() {
        MutableClock clock = MutableClock.atEpochSecond(0);
        clock.advance(Duration.ofDays(365L * 200));

        assertThrows(ArithmeticException.class, () -> clock.advance(Duration.ofDays(365L * 100)));
    }
}
