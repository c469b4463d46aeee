package com.example.orders;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's own settings, from MicroProfile Config: {@code META-INF/microprofile-config.properties},
 * overridden by system properties and environment variables.
 *
 * <ul>
 * <li>{@code orders.auth-server}: base URL of the auth server (login, logout).</li>
 * <li>{@code orders.jwt-secret}: the HS256 key shared with the auth server, to verify access tokens.</li>
 * <li>{@code orders.jwt-issuer}: the expected {@code iss} claim.</li>
 * </ul>
 */
final class OrdersConfig {

    static final String ACCESS_COOKIE = "authToken";
    static final String REFRESH_COOKIE = "refreshToken";

    private OrdersConfig() {
    }

    static String authServer() {
        String url = config().getValue("orders.auth-server", String.class);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static byte[] jwtSecret() {
        return config().getValue("orders.jwt-secret", String.class).getBytes(StandardCharsets.UTF_8);
    }

    static String jwtIssuer() {
        return config().getOptionalValue("orders.jwt-issuer", String.class).orElse("mock-auth");
    }

    /** Any other key, for the auth server deployed beside the application. */
    static Optional<String> value(String key) {
        return config().getOptionalValue(key, String.class);
    }

    private static Config config() {
        return ConfigProvider.getConfig(OrdersConfig.class.getClassLoader());
    }
}
