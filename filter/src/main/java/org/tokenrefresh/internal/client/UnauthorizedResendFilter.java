package org.tokenrefresh.internal.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.logging.Logger;
import org.tokenrefresh.spi.TokenPair;

/**
 * On a 401 answer, refreshes once and resends the same call with the new token; the caller receives the
 * second response as if it were the only one. A second 401, a call whose entity cannot be sent twice, a
 * failed refresh or a failed resend: the original response goes to the caller untouched. Never throws
 * for any of these.
 */
final class UnauthorizedResendFilter implements ClientResponseFilter {

    private static final Logger LOG = Logger.getLogger(UnauthorizedResendFilter.class.getName());

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatus() != Response.Status.UNAUTHORIZED.getStatusCode()
                || request.getProperty(OutboundCall.RESENT_PROPERTY) != null) {
            return;
        }
        Object property = request.getProperty(OutboundCall.PROPERTY);
        if (!(property instanceof OutboundCall) || !((OutboundCall) property).mayRefreshOn401()) {
            return;
        }
        String target = Resend.describe(request);
        if (!Resend.isRepeatable(request.getEntity())) {
            LOG.fine(() -> target + " answered 401; its " + request.getEntity().getClass().getName()
                    + " entity cannot be sent twice, the 401 goes to the caller");
            return;
        }
        TokenPair next = ((OutboundCall) property).refreshAfterUnauthorized(target);
        if (next == null) {
            return;
        }
        Response second;
        try {
            second = Resend.send(request, next);
        } catch (ProcessingException | IllegalStateException e) {
            LOG.warning(target + ": resending after the token refresh failed (" + e.getClass().getName()
                    + "); the 401 goes to the caller, the new token is used from the next call on");
            return;
        }
        Resend.copyInto(second, response);
    }
}
