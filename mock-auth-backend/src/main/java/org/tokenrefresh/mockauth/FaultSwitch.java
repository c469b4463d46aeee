package org.tokenrefresh.mockauth;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The fault in force: a {@link FaultPlan} counted down per refresh call and ended by the clock when it has a
 * duration. Thread-safe.
 */
final class FaultSwitch {

    private static final Logger LOG = Logger.getLogger(FaultSwitch.class.getName());

    private final Clock clock;
    private final AtomicReference<Active> active;

    FaultSwitch(Clock clock) {
        this.clock = clock;
        this.active = new AtomicReference<>(new Active(FaultPlan.NONE, null));
    }

    /** Puts the plan in force from now on. */
    void set(FaultPlan plan) {
        Instant until = plan.duration().isZero() ? null : clock.instant().plus(plan.duration());
        active.set(new Active(plan, until));
        LOG.info("Mock auth fault set to " + plan);
    }

    /** The fault in force now, without using it up; {@link FaultPlan#NONE} once counted or timed out. */
    FaultPlan current() {
        Active a = active.get();
        boolean usedUp = a.remaining != null && a.remaining.get() <= 0;
        return usedUp || a.expired(clock.instant()) ? FaultPlan.NONE : a.plan;
    }

    /** Takes the fault for one refresh call, counting it down. */
    FaultPlan take() {
        Active a = active.get();
        if (a.expired(clock.instant())) {
            return FaultPlan.NONE;
        }
        if (a.remaining == null || a.remaining.getAndDecrement() > 0) {
            return a.plan;
        }
        return FaultPlan.NONE;
    }

    private static final class Active {
        final FaultPlan plan;
        final AtomicInteger remaining; // null: unlimited
        final Instant until; // null: no time limit

        Active(FaultPlan plan, Instant until) {
            this.plan = plan;
            this.remaining = plan.times() > 0 ? new AtomicInteger(plan.times()) : null;
            this.until = until;
        }

        boolean expired(Instant now) {
            return until != null && !now.isBefore(until);
        }
    }
}
