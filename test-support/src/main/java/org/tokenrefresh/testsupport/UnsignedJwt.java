package org.tokenrefresh.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * JWT-shaped test tokens with a fixed, meaningless signature: for code that reads a token's claims ({@code exp},
 * {@code iat}) without verifying it. A server that verifies signatures rejects them, which some tests want.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * String expired = UnsignedJwt.withTimes(now - 3600, now - 60, "demo");
 * String odd = UnsignedJwt.of("{\"exp\":1.7e9}");
 * }</pre>
 * Self-contained, so an in-container test can ship it in its WAR with {@code addClasses(UnsignedJwt.class)}.
 */
public final class UnsignedJwt {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The encoded header {@code {"alg":"HS256","typ":"JWT"}}. */
    public static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    /** The encoded stand-in signature ("signature"). */
    public static final String SIGNATURE = "c2lnbmF0dXJl";

    private UnsignedJwt() {
    }

    /** A token whose payload is the given JSON text, as is (it need not be valid JSON). */
    public static String of(String payloadJson) {
        return HEADER + "." + encode(payloadJson) + "." + SIGNATURE;
    }

    /** A token with {@code sub}, {@code iat} and {@code exp}. */
    public static String withTimes(long issuedAt, long expiresAt, String subject) {
        return of("{\"sub\":\"" + subject + "\",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + "}");
    }

    /** Base64url without padding of the UTF-8 bytes, as in a JWT. */
    public static String encode(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
