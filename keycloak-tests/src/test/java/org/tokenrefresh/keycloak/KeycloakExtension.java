package org.tokenrefresh.keycloak;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Keycloak for the whole test run: the first test class that asks for it starts it, every later one gets
 * the same server, and JUnit stops it when the run ends (the root store closes what it holds). A failed start
 * is remembered and fails every test that needs Keycloak with the same message, without a second try.
 *
 * <p>Usage: {@code @ExtendWith(KeycloakExtension.class)}, then a {@link KeycloakApi} parameter on a
 * constructor, a {@code @BeforeAll}/{@code @BeforeEach} method or a test.
 */
final class KeycloakExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakApi.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedKeycloak.class, key -> SharedKeycloak.start(), SharedKeycloak.class)
                .api();
    }

    /** The running server, or why it could not start; closed by JUnit at the end of the run. */
    private static final class SharedKeycloak implements AutoCloseable {
        private final KeycloakServer server;
        private final KeycloakApi api;
        private final Exception failure;

        private SharedKeycloak(KeycloakServer server, Exception failure) {
            this.server = server;
            this.api = server == null ? null : new KeycloakApi(server);
            this.failure = failure;
        }

        static SharedKeycloak start() {
            try {
                return new SharedKeycloak(KeycloakServer.start(), null);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return new SharedKeycloak(null, e);
            }
        }

        KeycloakApi api() {
            if (failure != null) {
                throw new IllegalStateException("Keycloak could not be started: " + failure.getMessage(), failure);
            }
            return api;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
