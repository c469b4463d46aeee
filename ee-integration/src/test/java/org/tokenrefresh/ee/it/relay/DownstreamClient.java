package org.tokenrefresh.ee.it.relay;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.tokenrefresh.TokenRefreshClientFeature;

/**
 * {@link DownstreamApi} as a MicroProfile Rest Client, the way the README shows it: the feature comes
 * with {@code @RegisterProvider}, the URL from MicroProfile Config ({@code downstream/mp-rest/url}).
 */
@RegisterRestClient(configKey = "downstream")
@RegisterProvider(TokenRefreshClientFeature.class)
@Path("downstream")
public interface DownstreamClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    String data();
}
