package org.tokenrefresh.mockauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * OAuth 2.0 client authentication (RFC 6749 §2.3.1) for the token and revocation endpoints:
 * {@code client_secret_basic} or {@code client_secret_post}, never both.
 */
final class ClientAuthentication {

    private final MockAuthBackend backend;

    ClientAuthentication(MockAuthBackend backend) {
        this.backend = backend;
    }

    /** Null when the client authenticated, else the error answer (RFC 6749 §5.2). */
    AuthResponse check(AuthRequest request, Map<String, String> form) {
        String authorization = request.header("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (basic && secret != null) {
            return Responses.oauth2Error(400, "invalid_request", "more than one client authentication method");
        }
        if (basic) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon < 0 || (id != null && !id.equals(Requests.formDecode(decoded.substring(0, colon))))) {
                return Responses.invalidClient();
            }
            // §2.3.1: id and secret are form-encoded before they are joined with ':'
            id = Requests.formDecode(decoded.substring(0, colon));
            secret = Requests.formDecode(decoded.substring(colon + 1));
        }
        return backend.authenticateClient(id, secret) ? null : Responses.invalidClient();
    }

    /** The form body of an OAuth 2.0 endpoint, which must be {@code application/x-www-form-urlencoded} (§3.2). */
    static Map<String, String> form(AuthRequest request) {
        if (!Requests.contentTypeIs(request, Requests.FORM)) {
            throw new IllegalArgumentException("Content-Type must be " + Requests.FORM);
        }
        return Requests.parseForm(Json.utf8(request.body()));
    }
}
