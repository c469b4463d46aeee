package org.tokenrefresh.internal.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Runs last among the request filters, and only acts on the one resend after a 401: puts back the headers
 * the first call went out with, so the resend is the same request whatever the other filters add.
 */
final class ResendHeadersFilter implements ClientRequestFilter {

    /** After every other request filter. */
    static final int PRIORITY = Integer.MAX_VALUE;

    @Override
    public void filter(ClientRequestContext request) {
        Object mark = request.getProperty(OutboundCall.RESENT_PROPERTY);
        if (mark instanceof Resend.Mark) {
            ((Resend.Mark) mark).restore(request.getHeaders());
        }
    }
}
