package org.tokenrefresh.testsupport.ownauth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The application's own status resource, {@code GET /api/auth/status} under {@link ApiApplication}. */
@Path("/auth")
public class StatusResource {

    /** What it answers, always. */
    public static final String BODY = "{\"source\":\"jax-rs\"}";

    @GET
    @Path("status")
    public String status() {
        return BODY;
    }
}
