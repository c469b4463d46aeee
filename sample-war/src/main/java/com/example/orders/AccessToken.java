package com.example.orders;

import java.time.Instant;

/** The claims of a verified access token that the application uses. Immutable. */
final class AccessToken {

    private final String subject;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String sessionId;

    AccessToken(String subject, Instant issuedAt, Instant expiresAt, String sessionId) {
        this.subject = subject;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.sessionId = sessionId;
    }

    /** The user name ({@code sub}). */
    String subject() {
        return subject;
    }

    Instant issuedAt() {
        return issuedAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    /** The auth server's session ({@code fam} claim), or {@code null}. */
    String sessionId() {
        return sessionId;
    }

    /** Seconds between issue and expiry. */
    long lifetimeSeconds() {
        return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }
}
