package org.tokenrefresh.mockauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** Who may log in, and which OAuth 2.0 client may call the token endpoint. Compared in constant time. Immutable. */
final class Credentials {

    private final Map<String, String> users;
    private final String clientId;
    private final String clientSecret;

    Credentials(Map<String, String> users, String clientId, String clientSecret) {
        this.users = Map.copyOf(users);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Whether the username exists and the password is its own. */
    boolean user(String username, String password) {
        String expected = username == null ? null : users.get(username);
        return expected != null && password != null && constantTimeEquals(expected, password);
    }

    /** Whether the client id and secret are the configured ones (RFC 6749 §2.3.1). */
    boolean client(String id, String secret) {
        return id != null && secret != null && constantTimeEquals(clientId, id)
                & constantTimeEquals(clientSecret, secret);
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}
