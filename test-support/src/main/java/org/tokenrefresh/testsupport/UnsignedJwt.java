package org.tokenrefresh.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JWT-shaped test tokens with a fixed, meaningless signature: for code that reads a token's claims ({@code exp},
 * {@code iat}) without verifying it. A server that verifies signatures rejects them, which some tests want.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * String expired = UnsignedJwt.withTimes(now - 3600, now - 60, "demo");
 * String odd = UnsignedJwt.of("{\"exp\":1.7e9}");
 * long expiresAt = UnsignedJwt.numericClaim(issuedByTheBackend, "exp"); // any JWT, read without verifying it
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

    /**
     * A token with these times at least {@code length} characters long, as identity providers issue with many
     * roles and groups: the claims are padded with a {@code groups} claim before the times.
     */
    public static String withTimes(long issuedAt, long expiresAt, String subject, int length) {
        String token = withTimes(issuedAt, expiresAt, subject);
        int padding = Math.max(0, (length - token.length()) * 3 / 4 + 3);
        return of("{\"sub\":\"" + subject + "\",\"groups\":\"" + "g".repeat(padding) + "\",\"iat\":" + issuedAt
                + ",\"exp\":" + expiresAt + "}");
    }

    /**
     * A whole-number claim ({@code exp}, {@code iat}) of any JWT's payload, read without verifying the token; an
     * {@link AssertionError} naming the claim when the token has none.
     */
    public static long numericClaim(String jwt, String claim) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length < 2) {
            throw new AssertionError("not a JWT: " + jwt);
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher value = Pattern.compile("\"" + Pattern.quote(claim) + "\"\\s*:\\s*(\\d+)").matcher(payload);
        if (!value.find()) {
            throw new AssertionError("no numeric " + claim + " in " + payload);
        }
        return Long.parseLong(value.group(1));
    }

    /** Base64url without padding of the UTF-8 bytes, as in a JWT. */
    public static String encode(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
