package org.tokenrefresh.jaxrs;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.tokenrefresh.RefreshEvent.Trigger;
import org.tokenrefresh.engine.RefreshEngine;
import org.tokenrefresh.engine.RefreshOutcome;
import org.tokenrefresh.token.JwtTimes;
import org.tokenrefresh.token.TokenHash;
import org.tokenrefresh.token.TokenPair;

/**
 * Tokens the application holds itself, for a service account or a background job that calls other APIs
 * with no user request behind it. Refreshed through a {@link RefreshEngine}, so the engine's rules hold:
 * one backend call for any number of concurrent callers, no refresh token sent twice, {@code Retry-After},
 * backoff and circuit breaker.
 *
 * <h2>Usage</h2>
 * <pre>
 * // the servlet filter's engine (or one built with RefreshEngine.builder(settings) for another provider)
 * RefreshEngine engine = ClientRegistry.engine();
 * ServiceTokenSource service = ServiceTokenSource.of(engine, null, offlineRefreshToken);
 *
 * Client client = ClientBuilder.newClient().register(new TokenRefreshClientFeature(service));
 * // or, for providers created by the runtime (MicroProfile Rest Client, no-arg registration):
 * ClientRegistry.registerTokenSource(getClass().getClassLoader(), service);
 * </pre>
 *
 * <h2>Configuration</h2>
 * The engine's: {@code tokenrefresh.backend-url}, {@code protocol} ({@code json}, or {@code oauth2} for
 * the RFC 6749 section 6 refresh grant with {@code client-id}/{@code client-secret}), {@code refresh-threshold},
 * timeouts and retries. The starting pair comes from the application: an access token (or {@code null})
 * and a refresh token, for example an OAuth2 offline token.
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>The current pair lives in an {@link AtomicReference}; a refresh replaces it by compare-and-set, so a
 * late caller never overwrites newer tokens with older ones.</li>
 * <li>{@link #refreshIfDue()} refreshes ahead of time, for a scheduler or background monitor; the client
 * filters do the same before each call and on a 401.</li>
 * <li>When the auth backend ends the session ({@code invalid_grant}), the pair stays as it is and every
 * call goes out with it (and gets the API's 401); the engine remembers the dead refresh token and does not
 * send it again. Install new tokens with {@link #replace(TokenPair)}.</li>
 * <li>The OAuth2 <em>client-credentials</em> grant is not supported: this source only refreshes (the
 * engine speaks the refresh grant of the {@code json} and {@code oauth2} protocols). An application that
 * uses client credentials obtains the pair itself and installs it with {@link #replace(TokenPair)}.</li>
 * </ul>
 */
public final class ServiceTokenSource implements TokenSource {

    private static final Logger LOG = Logger.getLogger(ServiceTokenSource.class.getName());

    private final RefreshEngine engine;
    private final AtomicReference<TokenPair> current;

    /** A source starting from the given pair. */
    public ServiceTokenSource(RefreshEngine engine, TokenPair initial) {
        this.engine = Objects.requireNonNull(engine, "engine: is the token refresh filter running? See ClientRegistry");
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /**
     * A source starting from raw tokens. The access token's expiry is read from its JWT {@code exp} claim;
     * an opaque access token has an unknown expiry and is refreshed on the API's 401 only. A {@code null}
     * access token is refreshed before the first call.
     */
    public static ServiceTokenSource of(RefreshEngine engine, String accessToken, String refreshToken) {
        return new ServiceTokenSource(engine, pair(accessToken, refreshToken));
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

    /** Installs a new pair, for example after a new login or client-credentials grant. */
    public void replace(TokenPair tokens) {
        current.set(Objects.requireNonNull(tokens, "tokens"));
    }

    /**
     * Refreshes the pair now when it is due ({@code refresh-threshold}); for a scheduler or background
     * monitor. Returns the outcome, or {@code null} when nothing was due.
     */
    public RefreshOutcome refreshIfDue() {
        TokenPair used = current.get();
        if (!engine.isDue(used)) {
            return null;
        }
        RefreshOutcome outcome = engine.refresh(used, Trigger.CLIENT);
        if (outcome.isRefreshed()) {
            refreshed(used, outcome.tokens());
        }
        return outcome;
    }

    @Override
    public String toString() {
        return "ServiceTokenSource[" + current.get() + "]";
    }
}
