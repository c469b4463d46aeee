package org.tokenrefresh.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthHttpServer;

/**
 * The mock auth backend in the test JVM, on 127.0.0.1 and a port the operating system picks: the stand-in for the
 * application's auth server, for Arquillian {@code @RunAsClient} tests and plain JUnit tests alike. Its URL is known
 * before anything is deployed, so {@link TokenRefreshDeployment#authBackend} can write it into the test WAR.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * @RegisterExtension
 * static final MockAuthServer AUTH = MockAuthServer.start(MockAuthSettings.defaults().accessTokenLifetime(Duration.ofSeconds(10)));
 * }</pre>
 * Started when the field is initialized (before Arquillian calls the {@code @Deployment} method), stopped after the
 * test class.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>As a JUnit 5 extension, before each test it ends any fault, zeroes the counters and rate-limit windows and
 *       restores the settings it was started with; sessions stay. Without the extension, {@link #close()} stops
 *       it.</li>
 *   <li>A lost response ({@link #loseResponses}) really closes the connection without an answer.</li>
 * </ul>
 */
public final class MockAuthServer extends MockAuth implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    private final MockAuthHttpServer server;
    private final Map<String, String> startSettings;

    private MockAuthServer(MockAuthHttpServer server, MockAuthSettings settings) {
        super(server.baseUrl(), settings);
        this.server = server;
        this.startSettings = server.backend().settings();
    }

    /** A mock with its defaults, listening. */
    public static MockAuthServer start() {
        return start(MockAuthSettings.defaults());
    }

    /** A mock with these settings, listening; a bad setting fails here, every one named. */
    public static MockAuthServer start(MockAuthSettings settings) {
        MockAuthBackend backend = settings.newBackend();
        return new MockAuthServer(new MockAuthHttpServer(backend).start(), settings);
    }

    /** Before each test: no fault, zero counters, the start settings again. */
    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
        server.backend().configure(startSettings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Stops listening; idempotent. */
    @Override
    public void close() {
        server.close();
    }
}
