package com.example.orders;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** {@code GET /api/me}: who is signed in, and the access token's times as the API saw them. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Context
    private HttpServletRequest request;

    @GET
    public Response me() {
        AccessToken token = (AccessToken) request.getAttribute(AccessTokenFilter.TOKEN);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        String body = Json.createObjectBuilder()
                .add("user", token.subject())
                .add("tokenIssuedAt", token.issuedAt().getEpochSecond())
                .add("tokenExpiresAt", token.expiresAt().getEpochSecond())
                .add("tokenExpiresIn", Math.max(0, token.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()))
                .build().toString();
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).build();
    }
}
