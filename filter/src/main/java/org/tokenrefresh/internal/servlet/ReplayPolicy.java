package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.tokenrefresh.internal.config.TokenRefreshSettings;

/**
 * The one place that decides whether a request may be replayed after a 401 (setting {@code replay}):
 * {@code none}; {@code idempotent}, the RFC 9110 section 9.2.2 idempotent methods; {@code all}. A request
 * with a body is replayed only when the body was captured within {@code replay-max-body}, which
 * {@link ReplayableRequest} tracks.
 */
public final class ReplayPolicy {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final TokenRefreshSettings.Replay mode;
    private final int maxBody;

    public ReplayPolicy(TokenRefreshSettings settings) {
        this.mode = settings.replay();
        this.maxBody = settings.replayMaxBody();
    }

    /** Whether this request's method may be replayed at all. */
    public boolean permits(HttpServletRequest request) {
        switch (mode) {
            case NONE:
                return false;
            case IDEMPOTENT:
                return IDEMPOTENT.contains(request.getMethod());
            default:
                return true;
        }
    }

    /** Whether the request carries a body that must be captured to be replayed. */
    public static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Whether a body of the declared length can be captured; unknown lengths are captured up to the limit. */
    public boolean fits(HttpServletRequest request) {
        return request.getContentLengthLong() <= maxBody;
    }

    public int maxBody() {
        return maxBody;
    }
}
