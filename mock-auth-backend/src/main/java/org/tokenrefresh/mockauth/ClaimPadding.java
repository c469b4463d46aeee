package org.tokenrefresh.mockauth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pads a JWT with claims, as enterprise identity providers' tokens grow with roles and groups: a
 * {@code roles} and a {@code groups} array of strings after the given claims, filled until the signed
 * token is exactly the target length in characters, or one more where base64url cannot form that length
 * (an unpadded base64url text is never 1 more than a multiple of 4 characters long). A target shorter than
 * the unpadded token leaves it as it is; a target only a few characters beyond it gets a short {@code pad}
 * string claim instead of the arrays.
 */
final class ClaimPadding {

    private ClaimPadding() {
    }

    /** Signs the claims, padded to {@code targetLength} characters when that is longer than the plain token. */
    static String sign(Hs256Jwt jwt, Map<String, Object> claims, int targetLength) {
        String plain = jwt.sign(claims);
        if (targetLength <= plain.length()) {
            return plain;
        }
        int overhead = plain.length() - base64Length(payloadBytes(claims));
        int wantedBytes = bytesForBase64Length(targetLength - overhead);
        Map<String, Object> padded = new LinkedHashMap<>(claims);
        List<String> roles = new ArrayList<>(List.of("offline_access"));
        List<String> groups = new ArrayList<>(List.of("/users"));
        padded.put("roles", roles);
        padded.put("groups", groups);
        int remaining = wantedBytes - payloadBytes(padded);
        if (remaining < 0) {
            Map<String, Object> withPad = new LinkedHashMap<>(claims);
            withPad.put("pad", "");
            withPad.put("pad", "x".repeat(Math.max(0, wantedBytes - payloadBytes(withPad))));
            return jwt.sign(withPad);
        }
        for (int n = 1;; n++) {
            boolean role = n % 3 == 0;
            String item = role ? "orders-role-" + n : "/acme/unit-" + n + "/members";
            int cost = item.length() + 3; // two quotes and a comma
            if (cost > remaining) {
                break;
            }
            (role ? roles : groups).add(item);
            remaining -= cost;
        }
        String last = groups.remove(groups.size() - 1);
        groups.add(last + "x".repeat(remaining));
        return jwt.sign(padded);
    }

    private static int payloadBytes(Map<String, Object> claims) {
        return Json.write(claims).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Length of the unpadded base64url text of {@code bytes} bytes (RFC 4648 §5). */
    static int base64Length(int bytes) {
        return (4 * bytes + 2) / 3;
    }

    /** The fewest bytes whose unpadded base64url text is at least {@code length} characters long. */
    static int bytesForBase64Length(int length) {
        return length <= 0 ? 0 : 3 * (length - 1) / 4 + 1;
    }
}
