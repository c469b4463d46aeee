package org.tokenrefresh.internal.client;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.FeatureContext;
import org.tokenrefresh.spi.TokenSource;

/** Registers the client side's three filters: the bearer filter, the 401 resend and the header restore. */
public final class ClientFilters {

    /** Request property naming the token source of one call ({@code TokenRefreshClientFeature.TOKEN_SOURCE_PROPERTY}). */
    public static final String TOKEN_SOURCE_PROPERTY = "org.tokenrefresh.tokenSource";

    private ClientFilters() {
    }

    /** Registers the filters on a client or target being configured by {@code TokenRefreshClientFeature}. */
    public static void register(FeatureContext context, TokenSource fixed) {
        context.register(new BearerTokenFilter(fixed), Priorities.AUTHENTICATION);
        context.register(new UnauthorizedResendFilter(), Priorities.AUTHENTICATION);
        context.register(new ResendHeadersFilter(), ResendHeadersFilter.PRIORITY);
    }

    /** The inbound request being served on this thread as a token source, or {@code null}. */
    public static TokenSource currentRequestTokens() {
        return RelayedTokenSource.current();
    }
}
