package org.tokenrefresh.internal.engine;

import java.time.Duration;
import java.time.Instant;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.TokenPair;

/**
 * What the engine does with the result of a backend call: records it ({@link SuccessorPolicy}: successor and
 * marker, dead or lost token), tells about it ({@link EventPublisher}, metrics, the session activity tracker)
 * and logs it at the level its scope deserves: a failure of a session the library vouches for is a WARNING,
 * a forged or rejected token's only FINE.
 */
final class Outcomes {

    private final EngineContext context;
    private final SuccessorPolicy successors;
    private final BackendGuard guard;
    private final SessionActivity activity;

    Outcomes(RefreshEngine engine, EngineContext context, SuccessorPolicy successors, BackendGuard guard) {
        this.activity = engine.activity();
        this.context = context;
        this.successors = successors;
        this.guard = guard;
    }

    RefreshOutcome conclude(String key, TokenPair current, Trigger trigger, boolean vouched, CallResult result,
            long started) {
        BackendAnswer answer = result.answer;
        if (answer != null && answer.kind() == BackendAnswer.Kind.TOKENS) {
            TokenPair next = answer.tokens();
            successors.refreshed(key, current, next, trigger);
            guard.configurationWorks();
            publish(RefreshEvent.Type.REFRESHED, trigger, Reason.NONE, key, started,
                    next.hasExpiry() ? Instant.ofEpochSecond(next.expiresAt()) : null, null);
            activity.refreshed(current, next);
            return RefreshOutcome.refreshed(next, RefreshOutcome.Source.BACKEND);
        }
        if (answer != null && answer.kind() == BackendAnswer.Kind.INVALID_GRANT) {
            successors.dead(key, vouched);
            EngineContext.LOG.fine(() -> "Session " + TokenHash.shortIdOfKey(key) + " ended by the auth backend: " + answer);
            publish(RefreshEvent.Type.SESSION_EXPIRED, trigger, Reason.INVALID_GRANT, key, started, null, null);
            return RefreshOutcome.sessionExpired(Reason.INVALID_GRANT, true);
        }
        if (answer != null && answer.kind() == BackendAnswer.Kind.LOST) {
            successors.lost(key, vouched);
            EngineContext.LOG.warning("Refresh of session " + TokenHash.shortIdOfKey(key) + " lost its response (" + answer.detail()
                    + "); the refresh token will not be sent again");
        } else if (answer != null && vouched && answer.kind() != BackendAnswer.Kind.REJECTED
                && answer.kind() != BackendAnswer.Kind.CONFIGURATION) {
            EngineContext.LOG.warning("Refresh of session " + TokenHash.shortIdOfKey(key) + " failed: " + answer);
        } else if (answer != null) {
            EngineContext.LOG.fine(() -> "Refresh of session " + TokenHash.shortIdOfKey(key) + " failed: " + answer);
        }
        publish(RefreshEvent.Type.FAILED, trigger, result.reason, key, started, null, result.retryAfter);
        return RefreshOutcome.unavailable(result.reason, result.retryAfter);
    }

    void publish(RefreshEvent.Type type, Trigger trigger, Reason reason, String key, long started, Instant expiresAt,
            Duration retryAfter) {
        context.events.publish(type, trigger, reason, TokenHash.shortIdOfKey(key), started, expiresAt, retryAfter);
    }
}
