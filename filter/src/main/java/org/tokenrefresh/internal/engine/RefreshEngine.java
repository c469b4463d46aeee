package org.tokenrefresh.internal.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.internal.backend.AuthBackendClient;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.store.InMemoryRefreshStore;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.BackendAnswer;
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
 * No lock is held while the application runs: the engine is called before or after the filter chain.
 */
public final class RefreshEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RefreshEngine.class.getName());
    /** A successor that is itself due (a session idle since a background refresh) is followed this far. */
    private static final int MAX_SUCCESSOR_HOPS = 3;

    private final TokenRefreshSettings settings;
    private final AuthBackend backend;
    private final RefreshStore store;
    private final Clock clock;
    private final ExpiryPolicy expiry;
    private final RefreshMetrics metrics = new RefreshMetrics();
    private final EventPublisher events;
    private final BackendGuard guard;
    private final SuccessorPolicy successors;
    private final Coordination coordination;
    private final Outcomes outcomes;
    private final SessionActivity activity;
    private final Vouching vouching;

    private RefreshEngine(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.backend = b.backend != null ? b.backend : new AuthBackendClient(settings, clock);
        this.store = b.store != null ? b.store : new InMemoryRefreshStore(clock, settings.storeMaxEntries());
        this.expiry = new ExpiryPolicy(settings.refreshThreshold());
        Warnings warnings = new Warnings(LOG, clock);
        this.events = new EventPublisher(clock, metrics, b.listeners);
        this.guard = new BackendGuard(settings, clock, b.sleeper, b.random, metrics, warnings);
        this.successors = new SuccessorPolicy(settings, store, clock, events, metrics, warnings);
        this.coordination = new Coordination(store, settings.lockTimeout(), metrics);
        this.activity = b.activity;
        this.outcomes = new Outcomes(successors, guard, metrics, events, activity);
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
        RefreshOutcome outcome = refreshOnce(current, trigger, vouched, budget);
        // A successor handed out long after its rotation (e.g. by the background monitor) may itself be due.
        for (int hop = 0; hop < MAX_SUCCESSOR_HOPS && outcome.isRefreshed()
                && outcome.source() != RefreshOutcome.Source.BACKEND && isDue(outcome.tokens()); hop++) {
            RefreshOutcome next = refreshOnce(outcome.tokens(), trigger, true, budget);
            if (!next.isRefreshed()) {
                // keep the successor: it is still the newest token this session has
                return isExpired(outcome.tokens()) ? next : outcome;
            }
            outcome = next;
        }
        return outcome;
    }

    private RefreshOutcome refreshOnce(TokenPair current, Trigger trigger, boolean vouched, Budget budget) {
        String key = TokenHash.of(current.refreshToken());
        try {
            RefreshOutcome known = successors.known(key, trigger);
            if (known != null) {
                return known;
            }
        } catch (RuntimeException e) {
            // without the store we cannot know whether the token was used: never risk sending it twice
            LOG.log(Level.WARNING, "Refresh store failed for session " + TokenHash.shortIdOfKey(key), e);
            return RefreshOutcome.unavailable(Reason.BACKEND_UNAVAILABLE, BackendGuard.MIN_RETRY_AFTER);
        }
        return coordination.singleFlight(key, budget, () -> lead(key, current, trigger, vouched, budget));
    }

    private RefreshOutcome lead(String key, TokenPair current, Trigger trigger, boolean vouched, Budget budget) {
        long started = System.nanoTime();
        RefreshOutcome waited = coordination.lockOrWait(key, budget, () -> successors.known(key, trigger));
        if (waited != null) {
            if (waited.reason() == Reason.COORDINATION_TIMEOUT) {
                outcomes.publish(RefreshEvent.Type.FAILED, trigger, Reason.COORDINATION_TIMEOUT, key, started, null, waited.retryAfter());
            }
            return waited;
        }
        try {
            RefreshOutcome known = successors.known(key, trigger);
            if (known != null) {
                return known;
            }
            // Waiting inline is worth it only when the request cannot go on without new tokens: a request whose
            // token still works proceeds at once and leaves the retry to a later request.
            boolean mayWait = trigger == Trigger.REACTIVE || trigger == Trigger.ENDPOINT || isExpired(current);
            BackendGuard.Result result = guard.call(key, vouched, mayWait, budget, () -> call(current, key));
            return outcomes.conclude(key, current, trigger, vouched, result, started);
        } finally {
            coordination.unlock(key);
        }
    }

    /** One backend call; a failing backend implementation counts as a server error, never escapes. */
    private BackendAnswer call(TokenPair current, String key) {
        try {
            return backend.refresh(current);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Auth backend client failed for session " + TokenHash.shortIdOfKey(key), e);
            return BackendAnswer.serverError(0, "auth backend client failed: " + e.getClass().getSimpleName());
        }
    }

    /** Whether the pair must be refreshed before use. */
    public boolean isDue(TokenPair pair) {
        return expiry.isDue(pair, clock.millis() / 1000);
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
        LOG.fine(() -> "Session " + TokenHash.shortId(presented.refreshToken()) + ": the application wrote its own tokens ("
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
            LOG.log(Level.FINE, "Refresh store failed while looking up a successor", e);
            return null;
        }
    }

    /** The application logged the session holding this refresh token out: it gets nothing any more. */
    public void ended(TokenPair tokens) {
        successors.ended(TokenHash.of(tokens.refreshToken()));
        outcomes.publish(RefreshEvent.Type.SESSION_EXPIRED, Trigger.PROACTIVE, Reason.LOGGED_OUT, TokenHash.of(tokens.refreshToken()),
                System.nanoTime(), null, null);
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
        events.add(listener);
    }

    public TokenRefreshSettings settings() { return settings; }
    public Clock clock() { return clock; }
    /** The breaker shared by every session (signals about the backend as a whole). */
    public CircuitBreaker circuit() { return guard.circuit(); }
    public RefreshMetrics metrics() { return metrics; }
    public RefreshStore store() { return store; }
    public AuthBackend backend() { return backend; }

    /** Closes the backend client and the store. */
    @Override
    public void close() {
        try {
            backend.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing the auth backend client failed", e);
        }
        try {
            store.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing the refresh store failed", e);
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
