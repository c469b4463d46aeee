package org.tokenrefresh.mockauth;

import org.tokenrefresh.testsupport.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Faults for the next N calls, for a duration by the backend's clock, or both. */
class FaultSwitchTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final FaultSwitch faults = new FaultSwitch(clock);

    @Test
    void aTimedFaultEndsWhenTheClockReachesItsEnd() {
        faults.set(FaultPlan.of(Fault.UNAVAILABLE_503).forDuration(Duration.ofSeconds(30)));

        assertEquals(Fault.UNAVAILABLE_503, faults.take().mode());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Fault.UNAVAILABLE_503, faults.current().mode());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Fault.NONE, faults.take().mode());
        assertEquals(Fault.NONE, faults.current().mode());
    }

    @Test
    void withACountAndADurationWhicheverRunsOutFirstEndsIt() {
        faults.set(FaultPlan.of(Fault.RATE_LIMIT_429).times(2).forDuration(Duration.ofMinutes(1)));
        assertEquals(Fault.RATE_LIMIT_429, faults.take().mode());
        assertEquals(Fault.RATE_LIMIT_429, faults.take().mode());
        assertEquals(Fault.NONE, faults.take().mode(), "the count ran out first");

        faults.set(FaultPlan.of(Fault.RATE_LIMIT_429).times(100).forDuration(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Fault.NONE, faults.take().mode(), "the time ran out first");
    }

    @Test
    void theDurationRunsFromWhenThePlanIsSet() {
        FaultPlan plan = FaultPlan.of(Fault.ERROR_500).forDuration(Duration.ofSeconds(10));
        clock.advance(Duration.ofHours(1));

        faults.set(plan);

        assertEquals(Fault.ERROR_500, faults.take().mode());
        assertEquals("ERROR_500 for PT10S", plan.toString());
    }

    @Test
    void lostResponseAndLateAnswerLetTheRefreshHappen() {
        assertFalse(Fault.LOST_RESPONSE.rejects());
        assertFalse(Fault.LATE_ANSWER.rejects());
        assertTrue(Fault.RESET.rejects());
        assertEquals("LATE_ANSWER 2500ms", FaultPlan.of(Fault.LATE_ANSWER).delayMillis(2500).toString());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.of(Fault.DELAY).forDuration(Duration.ofSeconds(-1)));
    }
}
