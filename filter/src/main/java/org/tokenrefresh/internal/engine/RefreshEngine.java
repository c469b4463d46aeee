package org.tokenrefresh.internal.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import org.tokenrefresh.internal.backend.AuthBackendClient;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.store.InMemoryRefreshStore;
import org.tokenrefresh.internal.token.CookieTokens;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.RefreshListener;
import org.tokenrefresh.spi.RefreshStore;
import org.tokenrefresh.spi.TokenPair;

/**
 * The refresh engine: a thin conductor over its parts, knowing nothing about servlets or JAX-RS
 * ({@code docs/architecture.md}, "The engine"):
 * <ol>
 * <li>{@link SuccessorPolicy}: is the token already used (hand out its successor, or refuse to send it)?</li>
 * <li>{@link Coordination}: one refresh per token in flight, in this JVM and across nodes;</li>
 * <li>{@link BackendGuard}: the call, its retries, and whom a failure is about;</li>
 * <li>{@link Outcomes}: the outcome recorded ({@link SuccessorPolicy}), told ({@link EventPublisher}) and logged.</li>
 * </ol>
 * {@link Refresher} runs these steps for one refresh; this class wires the parts and answers the adapters.
 * No lock is held while the application runs: the engine is called before or after the filter chain.
 */
public final class RefreshEngine implements AutoCloseable {

    private final TokenRefreshSettings settings;
    private final AuthBackend backend;
    private final RefreshStore store;
    private final Clock clock;
    private final ExpiryPolicy expiry;
    private final EngineContext context;
    private final BackendGuard guard;
    private final SuccessorPolicy successors;
    private final Refresher refresher;
    private final SessionActivity activity;
    private final Vouching vouching;

    private RefreshEngine(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.backend = b.backend != null ? b.backend : new AuthBackendClient(settings, clock);
        this.store = b.store != null ? b.store : new InMemoryRefreshStore(clock, settings.storeMaxEntries());
        this.expiry = new ExpiryPolicy(settings.refreshThreshold());
        this.context = new EngineContext(settings, clock, b.listeners);
        this.guard = new BackendGuard(context, b.sleeper, b.random);
        this.successors = new SuccessorPolicy(context, store);
        this.activity = b.activity;
        this.refresher = new Refresher(this, context, successors, guard);
        this.vouching = b.vouching != null ? b.vouching : Vouching.random();
    }

    /** Starts building an engine for the given settings. */
    public static Builder builder(TokenRefreshSettings settings) {
        return new Builder(settings);
    }

    /** A fresh wait budget for one request ({@code wait-budget}). */
    public Budget budget() {
        return Budget.of(clock, settings.waitBudget());
    }

    /** Refreshes tokens the application itself holds or relays (vouched), with a fresh budget. */
    public RefreshOutcome refresh(TokenPair current, Trigger trigger) {
        return refresh(current, trigger, true, budget());
    }

    /**
     * Refreshes the pair's tokens, or joins the refresh already under way for the same refresh token, or
     * hands out its successor. Never throws for backend trouble: the outcome says what happened.
     *
     * @param vouched whether the library can vouch for the refresh token ({@link Vouching})
     */
    public RefreshOutcome refresh(TokenPair current, Trigger trigger, boolean vouched, Budget budget) {
        Objects.requireNonNull(current, "current");
        return refresher.refresh(current, trigger, vouched, budget);
    }

    /** Whether the pair must be refreshed before use. */
    public boolean isDue(TokenPair pair) {
        return expiry.isDue(pair, clock.millis() / 1000);
    }

    /** Whether a request's token cookies must be refreshed before use (read in place, no strings made). */
    public boolean isDue(CookieTokens tokens) {
        return expiry.isDue(tokens, clock.millis() / 1000);
    }

    /** Whether an access token with this validity window (epoch seconds) must be refreshed now. */
    public boolean isDueAt(long expiresAt, long issuedAt) {
        return expiry.isDue(new TokenPair("", "-", expiresAt, issuedAt), clock.millis() / 1000);
    }

    /** Whether the pair's access token can no longer be used. */
    public boolean isExpired(TokenPair pair) {
        return expiry.isExpired(pair, clock.millis() / 1000);
    }

    /** Tells the session activity tracker that a request carried these tokens. */
    public void seen(TokenPair tokens) {
        activity.seen(tokens);
    }

    /** The same for a request's token cookies: their strings are made only when a tracker listens. */
    public void seen(CookieTokens tokens) {
        if (activity != SessionActivity.NONE) {
            TokenPair pair = tokens.pair();
            if (pair != null) {
                activity.seen(pair);
            }
        }
    }

    SessionActivity activity() {
        return activity;
    }

    /** Which refresh tokens the library issued (the companion MAC cookie). */
    public Vouching vouching() {
        return vouching;
    }

    /**
     * The application itself wrote new tokens on a response to a request that came with {@code presented}
     * (and that the library refreshed into {@code refreshed}, or {@code null}): the application's pair becomes
     * their successor, handed out to late requests within the grace, and they are never sent again.
     */
    public void adopt(TokenPair presented, TokenPair refreshed, TokenPair written) {
        successors.adopted(presented, written);
        if (refreshed != null) {
            successors.adopted(refreshed, written);
        }
        activity.refreshed(refreshed != null ? refreshed : presented, written);
        EngineContext.LOG.fine(() -> "Session " + TokenHash.shortId(presented.refreshToken()) + ": the application wrote its own tokens ("
                + TokenHash.shortId(written.refreshToken()) + "); they are its successor");
    }

    /**
     * The newest tokens known for this pair without calling the backend: its successor when it was replaced
     * (by the library or the application) and the successor is still handed out, else {@code null}.
     */
    public TokenPair successorOf(TokenPair tokens) {
        try {
            RefreshOutcome known = successors.known(TokenHash.of(tokens.refreshToken()), Trigger.PROACTIVE);
            return known != null && known.isRefreshed() ? known.tokens() : null;
        } catch (RuntimeException e) {
            EngineContext.LOG.log(Level.FINE, "Refresh store failed while looking up a successor", e);
            return null;
        }
    }

    /** The application logged the session holding this refresh token out: it gets nothing any more. */
    public void ended(TokenPair tokens) {
        successors.ended(TokenHash.of(tokens.refreshToken()));
        context.events.publish(RefreshEvent.Type.SESSION_EXPIRED, Trigger.PROACTIVE, Reason.LOGGED_OUT,
                TokenHash.shortId(tokens.refreshToken()), System.nanoTime(), null, null);
    }

    /** The background monitor's probe found the backend unreachable: one transport failure. */
    public void probeFailed() {
        guard.probeFailed();
    }

    /** The last answer from a vouched session that pointed at the configuration, or {@code null}. */
    public String configurationProblem() {
        return guard.configurationProblem();
    }

    /** Adds a listener for every refresh outcome. */
    public void addListener(RefreshListener listener) {
        context.events.add(listener);
    }

    public TokenRefreshSettings settings() { return settings; }
    public Clock clock() { return clock; }
    /** The breaker shared by every session (signals about the backend as a whole). */
    public CircuitBreaker circuit() { return guard.circuit(); }
    public RefreshMetrics metrics() { return context.metrics; }
    public RefreshStore store() { return store; }
    public AuthBackend backend() { return backend; }

    /** Closes the backend client and the store. */
    @Override
    public void close() {
        try {
            backend.close();
        } catch (Exception e) {
            EngineContext.LOG.log(Level.FINE, "Closing the auth backend client failed", e);
        }
        try {
            store.close();
        } catch (Exception e) {
            EngineContext.LOG.log(Level.FINE, "Closing the refresh store failed", e);
        }
    }

    /** Builds a {@link RefreshEngine}; everything but the settings has a default. */
    public static final class Builder {
        private final TokenRefreshSettings settings;
        private AuthBackend backend;
        private RefreshStore store;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private final List<RefreshListener> listeners = new ArrayList<>();
        private SessionActivity activity = SessionActivity.NONE;
        private Vouching vouching;

        private Builder(TokenRefreshSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Default value: an {@link AuthBackendClient} for the settings. */
        public Builder backend(AuthBackend backend) { this.backend = backend; return this; }
        /** Default value: an {@link InMemoryRefreshStore}. */
        public Builder store(RefreshStore store) { this.store = store; return this; }
        /** Default value: {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }
        /** Default value: {@link Sleeper#SYSTEM}. */
        public Builder sleeper(Sleeper sleeper) { this.sleeper = Objects.requireNonNull(sleeper); return this; }
        /** Source of jitter in [0, 1). Default value: {@link ThreadLocalRandom}. */
        public Builder random(DoubleSupplier random) { this.random = Objects.requireNonNull(random); return this; }
        public Builder listener(RefreshListener listener) { listeners.add(Objects.requireNonNull(listener)); return this; }
        /** Default value: {@link SessionActivity#NONE}. */
        public Builder activity(SessionActivity activity) { this.activity = Objects.requireNonNull(activity); return this; }
        /** Default value: a random key of this JVM ({@link Vouching#random()}). */
        public Builder vouching(Vouching vouching) { this.vouching = Objects.requireNonNull(vouching); return this; }

        /** Whether a store was set (plug-ins use this to leave a user's choice alone). */
        public boolean hasStore() { return store != null; }
        public TokenRefreshSettings settings() { return settings; }
        public Clock clock() { return clock; }

        public RefreshEngine build() {
            return new RefreshEngine(this);
        }
    }
}
