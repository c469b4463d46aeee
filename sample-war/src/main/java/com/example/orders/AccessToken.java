package com.example.orders;

import java.time.Instant;

/**
 * The claims of a verified access token that the application uses.
 *
 * @param subject   the user name ({@code sub})
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 * @param sessionId the auth server's session ({@code fam} claim), or {@code null}
 */
record AccessToken(String subject, Instant issuedAt, Instant expiresAt, String sessionId) {

    /** Seconds between issue and expiry. */
    long lifetimeSeconds() {
        return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }
}
