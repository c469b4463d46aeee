package org.tokenrefresh;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Objects;
import org.tokenrefresh.internal.client.ClientFilters;
import org.tokenrefresh.spi.TokenSource;

/**
 * Keeps the tokens of the application's outbound JAX-RS calls fresh: attaches
 * {@code Authorization: Bearer <access token>}, refreshes ahead of expiry, and on a 401 refreshes once and
 * resends. It does for outbound calls what {@code TokenRefreshFilter} does for inbound ones, through the
 * same refresh engine: single-flight per refresh token, successor record, {@code Retry-After}, backoff and
 * circuit breaker, both protocols.
 *
 * <h2>Usage</h2>
 * Token relay, calling another API on behalf of the user whose request is being served:
 * <pre>
 * Client client = ClientBuilder.newClient().register(TokenRefreshClientFeature.class);
 * String orders = client.target("https://orders.example.com/api/orders").request().get(String.class);
 * </pre>
 * A service account or background job, with tokens the application holds:
 * <pre>
 * ServiceTokenSource service = ServiceTokenSource.of(null, offlineRefreshToken);
 * Client client = ClientBuilder.newClient().register(new TokenRefreshClientFeature(service));
 * </pre>
 * MicroProfile Rest Client:
 * <pre>
 * &#64;RegisterRestClient(configKey = "orders")
 * &#64;RegisterProvider(TokenRefreshClientFeature.class)
 * public interface OrdersClient { ... }
 * </pre>
 * The class is annotated {@code @Provider} (constrained to the client runtime) for runtimes that discover
 * client providers, but the jar does not list it in {@code META-INF/services}: attaching a user's token to
 * <em>every</em> client of the application would send it to hosts that must never see it. Register it on
 * the clients that call APIs trusting these tokens.
 *
 * <h2>Configuration</h2>
 * The engine's {@code tokenrefresh.*} keys (see the README): above all {@code backend-url},
 * {@code protocol} and {@code refresh-threshold}. Where the tokens come from, for each call, first match:
 * <ol>
 * <li>the request property {@value #TOKEN_SOURCE_PROPERTY}, holding a {@link TokenSource}, for example
 * {@link #currentRequestTokens()} captured on the request thread for an asynchronous call;</li>
 * <li>the source given to {@link #TokenRefreshClientFeature(TokenSource)};</li>
 * <li>the inbound request the servlet filter serves on the calling thread (token relay): its user's tokens,
 * or none when it carries none;</li>
 * <li>on a thread serving no inbound request only: the {@link ServiceTokenSource} the application
 * {@linkplain ServiceTokenSource#register() registered}: this is how a no-arg instance (created by the JAX-RS
 * runtime or MicroProfile Rest Client) finds tokens in an EJB timer or an executor.</li>
 * </ol>
 * None: the call goes out unchanged.
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>A call that already has an {@code Authorization} header keeps it and is left alone.</li>
 * <li><b>Ahead of time</b>: tokens that expire within {@code refresh-threshold} are refreshed before the
 * call is sent. If that refresh fails, the call goes out with the current token (a still-valid one works;
 * an expired one gets the API's 401, which is returned).</li>
 * <li><b>On 401</b>: refreshed once and resent through the same client with the same method, URI,
 * headers, properties and entity; the caller receives the second response (status, headers, entity) as
 * the only one. Providers registered on a {@code WebTarget} rather than on the {@code Client} do not run
 * for the resend (the headers they set are carried over): register message body writers and the like on
 * the client. Resent only once: a second 401 is returned as it is. Also returned as they are: the 401 of a call
 * whose entity cannot be sent twice ({@code InputStream}, {@code Reader}, {@code StreamingOutput},
 * {@code EntityPart}, ...; not refreshed either), of a call that already refreshed ahead, and any 401
 * when the refresh fails or the auth backend ends the session. The filters never turn these into an
 * exception; a resend that fails in transport is logged and the first 401 returned.</li>
 * <li><b>Relay</b>: when a relayed token is refreshed, the new cookies go on the inbound response too (when
 * it is not committed yet), so browser and server stay in step: one rotation, not two.</li>
 * <li>Concurrent calls with the same tokens share one refresh; a refresh token is never sent twice; a token
 * value never reaches a log (sessions appear as a short SHA-256 id).</li>
 * </ul>
 * Both filters run at {@code Priorities.AUTHENTICATION}. A third, internal one runs last and only on the
 * resend, to put back exactly the headers the first call went out with.
 */
@Provider
@ConstrainedTo(RuntimeType.CLIENT)
public final class TokenRefreshClientFeature implements Feature {

    /** Request property naming the {@link TokenSource} of one call; it wins over every other source. */
    public static final String TOKEN_SOURCE_PROPERTY = ClientFilters.TOKEN_SOURCE_PROPERTY;

    private final TokenSource source;

    /** Tokens per call: the request property, the inbound request, or the registered source. */
    public TokenRefreshClientFeature() {
        this.source = null;
    }

    /** Tokens from the given source (unless a call names another in {@value #TOKEN_SOURCE_PROPERTY}). */
    public TokenRefreshClientFeature(TokenSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The inbound request being served on this thread, as a token source bound to it: the tokens the servlet
     * filter decided on, and new cookies on its response when an outbound call has to refresh them.
     * {@code null} outside a request the filter serves, or when that request carries no tokens. Capture it on
     * the request thread to relay from another thread, with {@value #TOKEN_SOURCE_PROPERTY}.
     */
    public static TokenSource currentRequestTokens() {
        return ClientFilters.currentRequestTokens();
    }

    @Override
    public boolean configure(FeatureContext context) {
        // Some runtimes ignore @ConstrainedTo when they scan @Provider classes for the server side.
        if (context.getConfiguration().getRuntimeType() != RuntimeType.CLIENT) {
            return false;
        }
        ClientFilters.register(context, source);
        return true;
    }
}
