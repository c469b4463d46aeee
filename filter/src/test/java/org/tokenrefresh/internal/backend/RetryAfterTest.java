package org.tokenrefresh.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    @Test
    void deltaSecondsAreReadAsADelay() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", NOW));
        assertEquals(Duration.ofSeconds(1), RetryAfter.parse("1", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", NOW));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals(Duration.ofSeconds(5), RetryAfter.parse("  5\t", NOW));
    }

    @Test
    void httpDateInTheFutureGivesTheTimeUntilThen() {
        assertEquals("Tue, 1 Jan 2030 12:02:00 GMT", httpDate(NOW.plusSeconds(120)));

        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("Tue, 01 Jan 2030 12:02:00 GMT", NOW));
        assertEquals(Duration.ofMinutes(90), RetryAfter.parse(httpDate(NOW.plus(Duration.ofMinutes(90))), NOW));
    }

    @Test
    void httpDateInThePastGivesZero() {
        // the example of RFC 9110 section 10.2.3
        assertEquals(Duration.ZERO, RetryAfter.parse("Fri, 31 Dec 1999 23:59:59 GMT", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse(httpDate(NOW.minusSeconds(1)), NOW));
    }

    @Test
    void httpDateOfNowGivesZero() {
        assertEquals(Duration.ZERO, RetryAfter.parse(httpDate(NOW), NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "soon", "-5", "1.5", "12abc", "5 seconds", "0x10", "Tomorrow",
            "2030-01-01T12:02:00Z", "Tue, 01 Jan 2030 25:02:00 GMT", "Tue, 32 Jan 2030 12:02:00 GMT"})
    void garbageGivesNull(String header) {
        assertNull(RetryAfter.parse(header, NOW));
    }

    @Test
    void absentHeaderGivesNull() {
        assertNull(RetryAfter.parse(null, NOW));
    }

    @Test
    void oneDayIsNotCapped() {
        assertEquals(Duration.ofDays(1), RetryAfter.parse("86400", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"86401", "31536000", "9223372036854775807", "99999999999999999999999999"})
    void hugeDelaySecondsAreCappedAtOneDay(String header) {
        assertEquals(RetryAfter.MAX, RetryAfter.parse(header, NOW));
        assertEquals(Duration.ofDays(1), RetryAfter.MAX);
    }

    @Test
    void farFutureHttpDateIsCappedAtOneDay() {
        assertEquals(Duration.ofDays(1), RetryAfter.parse(httpDate(NOW.plus(Duration.ofDays(400))), NOW));
    }

    @Test
    void formatRoundsUpToWholeSecondsAndIsAtLeastOne() {
        assertEquals("30", RetryAfter.format(Duration.ofSeconds(30)));
        assertEquals("2", RetryAfter.format(Duration.ofMillis(1200)));
        assertEquals("1", RetryAfter.format(Duration.ofMillis(1)));
        assertEquals("1", RetryAfter.format(Duration.ZERO));
    }

    @Test
    void formattedDelayReadsBackAsAtLeastTheDelay() {
        Duration delay = Duration.ofMillis(2500);

        Duration read = RetryAfter.parse(RetryAfter.format(delay), NOW);

        assertEquals(Duration.ofSeconds(3), read);
    }
}
