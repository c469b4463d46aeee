package org.tokenrefresh;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthHttpServer;
import org.tokenrefresh.testsupport.MutableClock;

/**
 * The world of an outbound call: a real mock auth backend over HTTP and a real downstream API, both on
 * 127.0.0.1, and a refresh engine, all sharing one {@link MutableClock} so that tests move time instead of
 * sleeping. Access tokens live 60 s, so they are due in their last 30 s.
 */
final class ClientRig implements AutoCloseable {

    final MutableClock clock = MutableClock.atEpochSecond(1_900_000_000L);
    final MockAuthBackend backend = MockAuthBackend.builder().clock(clock).accessTokenLifetime(Duration.ofSeconds(60)).build();
    final MockAuthHttpServer auth = new MockAuthHttpServer(backend).start();
    final DownstreamApi api;
    final RefreshEngine engine;

    ClientRig(String... keyValues) throws Exception {
        api = new DownstreamApi(backend);
        engine = engine(keyValues);
    }

    /** An engine toward the mock backend's json endpoint, settings overridden by {@code keyValues}. */
    RefreshEngine engine(String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put("backend-url", auth.baseUrl() + "/api/auth/refresh");
        settings.put("connect-timeout", "1s");
        settings.put("response-timeout", "2s");
        settings.put("retry-delay", "10ms");
        // joiners of a hundred parallel calls wait for the leader's refresh in real time: wide for a slow machine
        settings.put("wait-budget", "20s");
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return RefreshEngine.builder(TokenRefreshSettings.of(settings)).clock(clock).sleeper(clock::advance).build();
    }

    /** A service account's tokens, fresh from a login. */
    ServiceTokenSource login() {
        var tokens = backend.login("demo", "demo");
        return ServiceTokenSource.on(engine, tokens.accessToken(), tokens.refreshToken());
    }

    /** The API invalidates every token issued so far: the next call with one of them gets a 401. */
    void apiRefusesTheTokensIssuedSoFar() {
        api.notBefore.set(clock.epochSecond() + 1);
        clock.advance(Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        engine.close();
        api.close();
        auth.close();
    }
}
