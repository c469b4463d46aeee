package org.tokenrefresh.mockauth;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One login session followed through its rotations. Its monitor guards the rotation of its refresh
 * tokens: rate-limit admission, reuse detection and consumption happen under it as one step.
 */
final class TokenFamily {

    final String id;
    final String username;
    final AtomicLong refreshCalls = new AtomicLong();
    volatile boolean revoked;

    TokenFamily(String id, String username) {
        this.id = id;
        this.username = username;
    }
}
