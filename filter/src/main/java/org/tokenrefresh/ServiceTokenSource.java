package org.tokenrefresh;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.tokenrefresh.internal.client.ClientRegistry;
import org.tokenrefresh.internal.client.EngineBound;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.TokenSource;

/**
 * Tokens the application holds itself, for a service account or a background job that calls other APIs
 * with no user request behind it. Refreshed through the application's refresh engine (the one
 * {@link TokenRefreshFilter} runs), so its rules hold: one backend call for any number of concurrent
 * callers, no refresh token sent twice, {@code Retry-After}, backoff and circuit breaker.
 *
 * <h2>Usage</h2>
 * <pre>
 * ServiceTokenSource service = ServiceTokenSource.of(null, offlineRefreshToken);
 * Client client = ClientBuilder.newClient().register(new TokenRefreshClientFeature(service));
 *
 * // for features the JAX-RS runtime creates (MicroProfile Rest Client, @Provider) in timers and executors:
 * service.register();
 * </pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>{@link #of} binds the source to the engine of the calling application (found through the thread's
 * context class loader); the filter must be running.</li>
 * <li>The current pair lives in an {@link AtomicReference}; a refresh replaces it by compare-and-set, so a
 * late caller never overwrites newer tokens with older ones.</li>
 * <li>{@link #refreshIfDue()} refreshes ahead of time, for a scheduler; the client filters do the same before
 * each call and on a 401; {@code token-refresh-ee}'s background monitor calls it for a registered source.</li>
 * <li>{@link #register()} makes this the source of no-arg client features on threads that serve no inbound
 * request. A thread serving an inbound request never falls back to it: that request's user tokens are
 * relayed, or none.</li>
 * <li>When the auth backend ends the session ({@code invalid_grant}), the pair stays as it is and calls go out
 * with it (and get the API's 401); the dead refresh token is not sent again. Install new tokens with
 * {@link #replace}. The OAuth2 client-credentials grant is not supported: obtain such tokens yourself and
 * install them with {@link #replace}.</li>
 * </ul>
 */
public final class ServiceTokenSource implements TokenSource, EngineBound {

    private static final Logger LOG = Logger.getLogger(ServiceTokenSource.class.getName());

    private final RefreshEngine engine;
    private final AtomicReference<TokenPair> current;
    private volatile ClassLoader registeredFor;

    private ServiceTokenSource(RefreshEngine engine, TokenPair initial) {
        this.engine = engine;
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /**
     * A source starting from raw tokens, on the calling application's engine. The access token's expiry is
     * read from its JWT {@code exp} claim; an opaque access token is refreshed on the API's 401 only; a
     * {@code null} access token is refreshed before the first call.
     *
     * @throws IllegalStateException when the calling application's token refresh filter is not running
     */
    public static ServiceTokenSource of(String accessToken, String refreshToken) {
        RefreshEngine engine = ClientRegistry.engine();
        if (engine == null) {
            throw new IllegalStateException("No token refresh filter runs for this application (thread context class loader "
                    + Thread.currentThread().getContextClassLoader() + "): create the source once the application has started");
        }
        return on(engine, accessToken, refreshToken);
    }

    /** A source on a given engine (the library's own tests and plug-ins). */
    static ServiceTokenSource on(RefreshEngine engine, String accessToken, String refreshToken) {
        return new ServiceTokenSource(Objects.requireNonNull(engine, "engine"), pair(accessToken, refreshToken));
    }

    /** A pair from raw tokens, with the expiry of a JWT access token. */
    static TokenPair pair(String accessToken, String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw new IllegalArgumentException("refreshToken is required");
        }
        JwtTimes times = JwtTimes.read(accessToken);
        return times == null ? new TokenPair(accessToken, refreshToken, TokenPair.UNKNOWN, TokenPair.UNKNOWN)
                : new TokenPair(accessToken, refreshToken, times.expiresAt(), times.issuedAt());
    }

    @Override
    public TokenPair tokens() {
        return current.get();
    }

    @Override
    public RefreshEngine engine() {
        return engine;
    }

    @Override
    public void refreshed(TokenPair used, TokenPair next) {
        if (current.compareAndSet(used, next)) {
            LOG.fine(() -> "Service tokens " + TokenHash.shortId(used.refreshToken()) + " replaced by "
                    + TokenHash.shortId(next.refreshToken()));
        }
    }

    /** Installs new tokens, for example after a new login or a client-credentials grant. */
    public void replace(String accessToken, String refreshToken) {
        current.set(pair(accessToken, refreshToken));
    }

    /** Installs a new pair. */
    public void replace(TokenPair tokens) {
        current.set(Objects.requireNonNull(tokens, "tokens"));
    }

    /**
     * Refreshes the pair now when it is due ({@code refresh-threshold}). Returns {@code false} only when it was
     * due and could not be refreshed (the reason is logged and sent to listeners).
     */
    public boolean refreshIfDue() {
        TokenPair used = current.get();
        if (!engine.isDue(used)) {
            return true;
        }
        RefreshOutcome outcome = engine.refresh(used, Trigger.CLIENT);
        if (outcome.isRefreshed()) {
            refreshed(used, outcome.tokens());
            return true;
        }
        return false;
    }

    /**
     * Makes this the source of the application's no-arg client features on threads that serve no inbound
     * request (EJB timers, executors); the calling thread's context class loader names the application.
     */
    public ServiceTokenSource register() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClientRegistry.registerTokenSource(loader, this);
        registeredFor = loader;
        return this;
    }

    /** Undoes {@link #register()}. */
    public void unregister() {
        ClassLoader loader = registeredFor;
        if (loader != null) {
            ClientRegistry.unregisterTokenSource(loader, this);
            registeredFor = null;
        }
    }

    @Override
    public String toString() {
        return "ServiceTokenSource[" + current.get() + "]";
    }
}
