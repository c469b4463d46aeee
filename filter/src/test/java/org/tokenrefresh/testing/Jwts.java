package org.tokenrefresh.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Unsigned test JWTs: the library never checks signatures, only {@code exp} and {@code iat}. */
public final class Jwts {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    public static String withTimes(long issuedAt, long expiresAt, String subject) {
        return encode("{\"sub\":\"" + subject + "\",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + "}");
    }

    public static String encode(String payloadJson) {
        String header = URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = URL.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }
}
