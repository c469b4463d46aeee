package org.tokenrefresh.internal.engine;

import java.time.Duration;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.RefreshEvent.Reason;

/**
 * How one guarded refresh call ended ({@link BackendGuard}): the final answer, or a refusal without a call; and
 * what the request is told, a reason and when to try again (never sooner than
 * {@link BackendGuard#MIN_RETRY_AFTER}).
 */
final class CallResult {

    final BackendAnswer answer;
    final Reason reason;
    final Duration retryAfter;

    private CallResult(BackendAnswer answer, Reason reason, Duration retryAfter) {
        this.answer = answer;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** No call was made: the session, the circuit or the bulkhead said wait. */
    static CallResult refused(Reason reason, Duration retryAfter) {
        return new CallResult(null, reason, BackendGuard.max(retryAfter, BackendGuard.MIN_RETRY_AFTER));
    }

    /** The answer that ended the call, with the reason and wait it means for the request ({@code retry-delay}). */
    static CallResult concluded(BackendAnswer answer, Duration retryDelay) {
        Duration delay = BackendGuard.max(retryDelay, BackendGuard.MIN_RETRY_AFTER);
        switch (answer.kind()) {
            case NOT_SENT:
            case SERVER_ERROR:
                return new CallResult(answer, Reason.BACKEND_UNAVAILABLE, delay);
            case OVERLOADED:
                return new CallResult(answer, Reason.OVERLOADED, BackendGuard.MIN_RETRY_AFTER);
            case RETRY_LATER:
                Duration retryAfter = answer.retryAfter() != null ? answer.retryAfter() : retryDelay;
                return new CallResult(answer, answer.status() == 429 ? Reason.RATE_LIMITED : Reason.BACKEND_UNAVAILABLE,
                        BackendGuard.max(retryAfter, BackendGuard.MIN_RETRY_AFTER));
            case CONFIGURATION:
                return new CallResult(answer, Reason.CONFIGURATION, delay);
            case REJECTED:
                return new CallResult(answer, Reason.REJECTED, delay);
            case LOST:
                return new CallResult(answer, Reason.LOST_RESPONSE, BackendGuard.MIN_RETRY_AFTER);
            default:
                return new CallResult(answer, Reason.NONE, null);
        }
    }
}
