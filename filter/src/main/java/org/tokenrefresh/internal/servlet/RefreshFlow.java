package org.tokenrefresh.internal.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.logging.Logger;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.internal.token.CookieTokens;
import org.tokenrefresh.spi.TokenPair;

/**
 * The per-request flow of the servlet filter (README, "How it behaves"): read cookies, refresh ahead when
 * due, run the application, and on its 401 refresh and replay once. Translates between HTTP and the
 * {@link RefreshEngine}; holds no lock and no connection while the application runs.
 */
public final class RefreshFlow {

    private static final Logger LOG = Logger.getLogger(RefreshFlow.class.getName());

    private final RefreshEngine engine;
    private final TokenRefreshSettings settings;
    private final RequestTokens requestTokens;
    private final CookieWriter cookies;
    private final SessionResponses responses;
    private final ReplayPolicy replay;
    private final AuthEndpoints endpoints;
    /**
     * Paths where the application wrote token cookies (its login, refresh and logout endpoints), learnt as it
     * does: before such a path runs, the request's refresh token is resolved to its newest known successor.
     * Only the application's own writes add a path, so clients cannot grow it; bounded anyway.
     */
    private final Set<String> tokenPaths = new CopyOnWriteArraySet<>();
    private static final int MAX_TOKEN_PATHS = 32;

    public RefreshFlow(RefreshEngine engine, ServletContext context) {
        this.engine = engine;
        this.settings = engine.settings();
        this.requestTokens = new RequestTokens(settings);
        this.cookies = new CookieWriter(settings, engine.vouching());
        this.responses = new SessionResponses(settings, cookies);
        this.replay = new ReplayPolicy(settings);
        this.endpoints = settings.endpointsPath().isEmpty() ? null
                : new AuthEndpoints(settings, engine, requestTokens, cookies, responses, context);
    }

    public void doFilter(HttpServletRequest request, HttpServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        if (endpoints != null && endpoints.matches(request)) {
            endpoints.handle(request, servletResponse);
            return;
        }
        // the application's own token cookies win over the library's, and teach it (its login, refresh, logout)
        TokenCookies response = new TokenCookies(request, servletResponse, cookies);
        // the tokens stay ranges of the Cookie header until something needs their strings (CookieTokens)
        CookieTokens presented = requestTokens.read(request);
        if (presented == null) {
            anonymous(request, response, chain);
            return;
        }
        InboundExchange exchange = new InboundExchange(request, response, engine, cookies, requestTokens, presented);
        try {
            filter(request, response, chain, presented, exchange);
        } finally {
            if (response.applicationWroteTokens() && presented.pair() != null) {
                learn(request, presented.pair(), exchange.tokens(), response);
            }
        }
    }

    private void filter(HttpServletRequest request, TokenCookies response, FilterChain chain, CookieTokens presented,
            InboundExchange exchange) throws IOException, ServletException {
        // One of the application's own token endpoints must never get a refresh token already spent: it gets
        // the newest known successor (refreshed first through the single flight when that one is due).
        boolean tokenEndpoint = !tokenPaths.isEmpty() && tokenPaths.contains(request.getRequestURI())
                && presented.pair() != null && engine.successorOf(presented.pair()) != null;
        if (!tokenEndpoint && !engine.isDue(presented)) {
            engine.seen(presented);
            proceed(asSent(request, presented), response, chain, exchange, true);
            return;
        }
        TokenPair tokens = presented.pair();
        if (tokens == null) { // the refresh cookie is malformed: a request without tokens
            anonymous(request, response, chain);
            return;
        }
        RefreshOutcome outcome = engine.refresh(tokens, Trigger.PROACTIVE, exchange.vouched(), engine.budget());
        if (outcome.isRefreshed()) {
            engine.seen(outcome.tokens());
            cookies.write(request, response, outcome.tokens());
            exchange.refreshedBy(outcome.tokens());
            proceed(new TokenRequest(request, settings, outcome.tokens()), response, chain, exchange, false);
        } else if (mayContinue(outcome, tokens)) {
            // the current token still works: go on unchanged; a 401 now would only meet the same trouble
            engine.seen(tokens);
            proceed(asSent(request, presented), response, chain, exchange, false);
        } else {
            answerFailure(request, response, outcome);
        }
    }

    /**
     * The application wrote token cookies itself. Its logout ends the session's records; its new pair becomes
     * the successor of the tokens the request came with, and of the ones the library gave it on this request,
     * so that late requests get the application's tokens, never a pair it has already spent.
     */
    private void learn(HttpServletRequest request, TokenPair presented, TokenPair latest, TokenCookies response) {
        if (tokenPaths.size() < MAX_TOKEN_PATHS) {
            tokenPaths.add(request.getRequestURI());
        }
        TokenPair refreshed = latest == presented ? null : latest;
        if (response.cleared()) {
            engine.ended(presented);
            if (refreshed != null) {
                engine.ended(refreshed);
            }
            return;
        }
        String access = response.writtenAccess();
        String refresh = response.writtenRefresh();
        if (access == null && refresh == null) {
            return;
        }
        engine.adopt(presented, refreshed, RequestTokens.pair(access != null ? access : latest.accessToken(),
                refresh != null ? refresh : latest.refreshToken()));
    }

    /** A request without tokens: untouched, but marked so that its outbound calls relay nothing. */
    private static void anonymous(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        InboundExchange previous = InboundExchange.enter(InboundExchange.ANONYMOUS);
        try {
            chain.doFilter(request, response);
        } finally {
            InboundExchange.leave(previous);
        }
    }

    /** The request with the tokens it came with; when they came in chunks, shown whole to the application. */
    private HttpServletRequest asSent(HttpServletRequest request, CookieTokens presented) {
        return presented.chunked() && presented.pair() != null ? new TokenRequest(request, settings, presented.pair()) : request;
    }

    /** Whether the request may go on with its current tokens after a failed refresh. */
    private boolean mayContinue(RefreshOutcome outcome, TokenPair tokens) {
        return outcome.reason() != Reason.INVALID_GRANT && !engine.isExpired(tokens);
    }

    private void answerFailure(HttpServletRequest request, HttpServletResponse response, RefreshOutcome outcome)
            throws IOException {
        if (outcome.status() == RefreshOutcome.Status.UNAVAILABLE) {
            responses.unavailable(response, outcome.retryAfter());
        } else {
            responses.sessionExpired(request, response, outcome.clearCookies());
        }
    }

    /** Runs the application; on its 401 refreshes and replays once, when allowed. */
    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, InboundExchange exchange,
            boolean mayRefreshOn401) throws IOException, ServletException {
        InboundExchange previous = InboundExchange.enter(exchange);
        try {
            if (!mayRefreshOn401 || !replay.permits(request) || (ReplayPolicy.hasBody(request) && !replay.fits(request))) {
                chain.doFilter(request, response);
                return;
            }
            runWithReplay(request, response, chain, exchange);
        } finally {
            InboundExchange.leave(previous);
        }
    }

    private void runWithReplay(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            InboundExchange exchange) throws IOException, ServletException {
        ReplayableRequest body = ReplayPolicy.hasBody(request) ? new ReplayableRequest(request, replay.maxBody()) : null;
        UnauthorizedResponse watched = new UnauthorizedResponse(response, replay.maxBody());
        chain.doFilter(body != null ? body : request, watched);
        watched.disarm();
        if (!watched.isHeld()) {
            return;
        }
        if (response.isCommitted() || request.isAsyncStarted() || (body != null && !body.replayable())) {
            watched.releaseHeld();
            return;
        }
        // The application answered 401 with the tokens it had (or got from an outbound refresh).
        TokenPair rejected = exchange.tokens();
        if (rejected == null) { // the refresh cookie is malformed: nothing to refresh with
            watched.releaseHeld();
            return;
        }
        RefreshOutcome outcome = engine.refresh(rejected, Trigger.REACTIVE, exchange.vouched(), engine.budget());
        if (outcome.isRefreshed() && !sameAccess(outcome.tokens(), rejected)) {
            watched.dropHeld();
            response.reset();
            engine.seen(outcome.tokens());
            cookies.write(request, response, outcome.tokens());
            exchange.refreshedBy(outcome.tokens());
            HttpServletRequest replayed = body != null ? body.replay() : request;
            LOG.fine(() -> "Replaying " + request.getMethod() + " " + request.getRequestURI() + " after 401 with refreshed tokens");
            chain.doFilter(new TokenRequest(replayed, settings, outcome.tokens()), response);
        } else if (outcome.isRefreshed()) {
            watched.releaseHeld(); // nothing new to offer the application
        } else {
            watched.dropHeld();
            response.reset();
            answerFailure(request, response, outcome);
        }
    }

    private static boolean sameAccess(TokenPair a, TokenPair b) {
        return a.accessToken() != null && a.accessToken().equals(b.accessToken());
    }
}
