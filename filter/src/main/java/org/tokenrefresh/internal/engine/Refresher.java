package org.tokenrefresh.internal.engine;

import java.util.logging.Level;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.TokenPair;

/**
 * One refresh, in order: {@link SuccessorPolicy} (is the token already used?), {@link Coordination} (one
 * refresh per token in flight, in this JVM and across nodes), {@link BackendGuard} (the call and its retries),
 * {@link Outcomes} (the result recorded, told and logged). A successor that is itself due is followed a few hops.
 */
final class Refresher {

    /** A successor that is itself due (a session idle since a background refresh) is followed this far. */
    private static final int MAX_SUCCESSOR_HOPS = 3;

    // its own parts first, then the engine's it shares
    private final Coordination coordination;
    private final Outcomes outcomes;
    private final RefreshEngine engine;
    private final SuccessorPolicy successors;
    private final BackendGuard guard;

    Refresher(RefreshEngine engine, EngineContext context, SuccessorPolicy successors, BackendGuard guard) {
        this.coordination = new Coordination(engine.store(), context.settings.lockTimeout(), context.metrics);
        this.outcomes = new Outcomes(engine, context, successors, guard);
        this.engine = engine;
        this.successors = successors;
        this.guard = guard;
    }

    /** See {@link RefreshEngine#refresh(TokenPair, Trigger, boolean, Budget)}. */
    RefreshOutcome refresh(TokenPair current, Trigger trigger, boolean vouched, Budget budget) {
        RefreshOutcome outcome = refreshOnce(current, trigger, vouched, budget);
        // A successor handed out long after its rotation (e.g. by the background monitor) may itself be due.
        for (int hop = 0; hop < MAX_SUCCESSOR_HOPS && outcome.isRefreshed()
                && outcome.source() != RefreshOutcome.Source.BACKEND && engine.isDue(outcome.tokens()); hop++) {
            RefreshOutcome next = refreshOnce(outcome.tokens(), trigger, true, budget);
            if (!next.isRefreshed()) {
                // keep the successor: it is still the newest token this session has
                return engine.isExpired(outcome.tokens()) ? next : outcome;
            }
            outcome = next;
        }
        return outcome;
    }

    private RefreshOutcome refreshOnce(TokenPair current, Trigger trigger, boolean vouched, Budget budget) {
        String key = TokenHash.of(current.refreshToken());
        try {
            RefreshOutcome known = successors.known(key, trigger);
            if (known != null) {
                return known;
            }
        } catch (RuntimeException e) {
            // without the store we cannot know whether the token was used: never risk sending it twice
            EngineContext.LOG.log(Level.WARNING, "Refresh store failed for session " + TokenHash.shortIdOfKey(key), e);
            return RefreshOutcome.unavailable(Reason.BACKEND_UNAVAILABLE, BackendGuard.MIN_RETRY_AFTER);
        }
        return coordination.singleFlight(key, budget, () -> lead(key, current, trigger, vouched, budget));
    }

    private RefreshOutcome lead(String key, TokenPair current, Trigger trigger, boolean vouched, Budget budget) {
        long started = System.nanoTime();
        RefreshOutcome waited = coordination.lockOrWait(key, budget, () -> successors.known(key, trigger));
        if (waited != null) {
            if (waited.reason() == Reason.COORDINATION_TIMEOUT) {
                outcomes.publish(RefreshEvent.Type.FAILED, trigger, Reason.COORDINATION_TIMEOUT, key, started, null, waited.retryAfter());
            }
            return waited;
        }
        try {
            RefreshOutcome known = successors.known(key, trigger);
            if (known != null) {
                return known;
            }
            // Waiting inline is worth it only when the request cannot go on without new tokens: a request whose
            // token still works proceeds at once and leaves the retry to a later request.
            boolean mayWait = trigger == Trigger.REACTIVE || trigger == Trigger.ENDPOINT || engine.isExpired(current);
            CallResult result = guard.call(key, vouched, mayWait, budget, () -> call(current, key));
            return outcomes.conclude(key, current, trigger, vouched, result, started);
        } finally {
            coordination.unlock(key);
        }
    }

    /** One backend call; a failing backend implementation counts as a server error, never escapes. */
    private BackendAnswer call(TokenPair current, String key) {
        try {
            return engine.backend().refresh(current);
        } catch (RuntimeException e) {
            EngineContext.LOG.log(Level.WARNING, "Auth backend client failed for session " + TokenHash.shortIdOfKey(key), e);
            return BackendAnswer.serverError(0, "auth backend client failed: " + e.getClass().getSimpleName());
        }
    }
}
