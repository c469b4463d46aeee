package org.tokenrefresh.ee.it.relay;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.tokenrefresh.TokenRefreshClientFeature;

/**
 * An application resource serving the user's request by calling {@link DownstreamApi} on the user's behalf
 * (token relay), with a JAX-RS client ({@code /rs/relay/client}) or the MicroProfile Rest Client
 * {@link DownstreamClient} ({@code /rs/relay/rest-client}). Answers 200 with what the downstream answered:
 * {@code {"downstreamStatus":..,"downstream":..}}.
 */
@Path("relay")
@ApplicationScoped
public class RelayResource {

    /** One client for the application, closed with it. */
    private Client client;

    @Inject
    @RestClient
    DownstreamClient downstream;

    @GET
    @Path("client")
    @Produces(MediaType.APPLICATION_JSON)
    public String viaClient(@Context UriInfo uri) {
        try (Response answer = client.target(uri.getBaseUriBuilder().path("downstream")).request().get()) {
            return relayed(answer.getStatus(), answer.readEntity(String.class));
        }
    }

    @GET
    @Path("rest-client")
    @Produces(MediaType.APPLICATION_JSON)
    public String viaRestClient() {
        try {
            return relayed(200, downstream.data());
        } catch (WebApplicationException e) { // the Rest Client's default mapping of a status >= 400
            return relayed(e.getResponse().getStatus(), null);
        }
    }

    private static String relayed(int status, String body) {
        return "{\"downstreamStatus\":" + status + ",\"downstream\":" + (body == null || body.isEmpty() ? "null" : body) + "}";
    }

    @PostConstruct
    void open() {
        client = ClientBuilder.newClient().register(TokenRefreshClientFeature.class);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
