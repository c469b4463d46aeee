package org.tokenrefresh.jaxrs;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.logging.Logger;
import org.tokenrefresh.token.TokenPair;

/**
 * Attaches {@code Authorization: Bearer <access token>} to an outbound call, refreshing the tokens first
 * when they are due. Leaves alone a call that already carries an {@code Authorization} header (the caller's
 * own credentials) and the one resend after a 401 (which carries its new token already).
 */
final class BearerTokenFilter implements ClientRequestFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class.getName());

    /** The source given to the feature, or {@code null}: then the call's property, the inbound request, the registry. */
    private final TokenSource fixed;

    BearerTokenFilter(TokenSource fixed) {
        this.fixed = fixed;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getProperty(OutboundCall.RESENT_PROPERTY) != null
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return;
        }
        TokenSource source = sourceFor(request);
        TokenPair tokens = source == null ? null : source.tokens();
        if (tokens == null) {
            LOG.finer(() -> Resend.describe(request) + ": no tokens to send");
            return;
        }
        OutboundCall call = OutboundCall.prepare(source, tokens, Resend.describe(request));
        request.setProperty(OutboundCall.PROPERTY, call);
        if (call.sent().accessToken() != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, Resend.bearer(call.sent()));
        }
    }

    private TokenSource sourceFor(ClientRequestContext request) {
        Object chosen = request.getProperty(TokenRefreshClientFeature.TOKEN_SOURCE_PROPERTY);
        if (chosen instanceof TokenSource) {
            return (TokenSource) chosen;
        }
        if (fixed != null) {
            return fixed;
        }
        TokenSource relayed = RelayedTokenSource.current();
        return relayed != null ? relayed : ClientRegistry.tokenSource();
    }
}
