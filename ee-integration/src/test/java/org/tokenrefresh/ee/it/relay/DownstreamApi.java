package org.tokenrefresh.ee.it.relay;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.tokenrefresh.ee.it.inwar.MockAuthSetup;
import org.tokenrefresh.mockauth.Claims;
import org.tokenrefresh.mockauth.MockAuthException;

/**
 * The downstream API the application calls on behalf of the user: accepts {@code Authorization: Bearer}
 * tokens the mock auth backend validates, except those {@link DownstreamCalls#refuse refused}; 401
 * otherwise.
 */
@Path("downstream")
@RequestScoped
public class DownstreamApi {

    @Inject
    DownstreamCalls calls;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response data(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Claims claims = null;
        if (token != null && !calls.isRefused(token)) {
            try {
                claims = MockAuthSetup.backend().validateAccessToken(token);
            } catch (MockAuthException e) {
                claims = null;
            }
        }
        if (claims == null) {
            calls.record(token, 401);
            return Response.status(Response.Status.UNAUTHORIZED).entity("{\"error\":\"invalid_token\"}").build();
        }
        calls.record(token, 200);
        return Response.ok("{\"user\":\"" + claims.subject() + "\",\"jti\":\"" + claims.jwtId() + "\"}").build();
    }
}
