package org.tokenrefresh.internal.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.TokenSource;

/**
 * Attaches {@code Authorization: Bearer <access token>} to an outbound call, refreshing the tokens first
 * when they are due. Leaves alone a call that already carries an {@code Authorization} header (the caller's
 * own credentials) and the one resend after a 401 (which carries its new token already).
 *
 * <p>Tokens go only where they were asked to go: a thread serving an inbound request relays that request's
 * tokens or none (never the application's service tokens); {@code relay-hosts}, when set, names the only
 * hosts a token is sent to; and a call that carries a token does not follow redirects (Jersey's
 * {@value #FOLLOW_REDIRECTS}), so the {@code Authorization} header never reaches another origin.
 */
final class BearerTokenFilter implements ClientRequestFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class.getName());
    /** Jersey's per-request switch ({@code ClientProperties.FOLLOW_REDIRECTS}); other runtimes ignore it. */
    static final String FOLLOW_REDIRECTS = "jersey.config.client.followRedirects";

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
        RefreshEngine engine = source instanceof EngineBound ? ((EngineBound) source).engine() : ClientRegistry.engine();
        if (engine != null && !allowedHost(engine.settings().relayHosts(), request.getUri())) {
            LOG.fine(() -> Resend.describe(request) + ": host not in tokenrefresh.relay-hosts, no token sent");
            return;
        }
        OutboundCall call = OutboundCall.prepare(source, engine, tokens, Resend.describe(request));
        request.setProperty(OutboundCall.PROPERTY, call);
        if (call.sent().accessToken() != null) {
            request.setProperty(FOLLOW_REDIRECTS, Boolean.FALSE);
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, Resend.bearer(call.sent()));
        }
    }

    private TokenSource sourceFor(ClientRequestContext request) {
        Object chosen = request.getProperty(TOKEN_SOURCE_PROPERTY);
        if (chosen instanceof TokenSource) {
            return (TokenSource) chosen;
        }
        if (fixed != null) {
            return fixed;
        }
        if (RelayedTokenSource.servingInboundRequest()) {
            return RelayedTokenSource.current(); // the user's tokens, or none: never the application's own
        }
        return ClientRegistry.tokenSource();
    }

    /** Whether a token may go to this URI's host ({@code relay-hosts} empty: any). */
    static boolean allowedHost(List<String> hosts, URI uri) {
        if (hosts.isEmpty()) {
            return true;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return hosts.contains(host) || hosts.contains(host + ":" + port);
    }

    /** Request property naming the {@link TokenSource} of one call (see {@code TokenRefreshClientFeature}). */
    static final String TOKEN_SOURCE_PROPERTY = ClientFilters.TOKEN_SOURCE_PROPERTY;
}
