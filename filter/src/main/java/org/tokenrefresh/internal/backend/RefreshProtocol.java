package org.tokenrefresh.internal.backend;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.net.PercentCodec;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.token.CookieValues;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.internal.json.JsonReader;

/**
 * The two dialects of a refresh call: how to ask, and how to read the answer. Status classification is
 * decided here, once per protocol.
 */
abstract class RefreshProtocol {

    static RefreshProtocol of(TokenRefreshSettings settings) {
        return settings.protocol() == TokenRefreshSettings.Protocol.OAUTH2 ? new OAuth2(settings) : new Json(settings);
    }

    final TokenRefreshSettings settings;
    /** The answer's members: access token, refresh token, lifetime in seconds. */
    private final String accessField;
    private final String refreshField;
    private final String expiresInField;

    RefreshProtocol(TokenRefreshSettings settings, String accessField, String refreshField, String expiresInField) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.accessField = accessField;
        this.refreshField = refreshField;
        this.expiresInField = expiresInField;
    }

    abstract ClassicHttpRequest request(TokenPair current);

    /** Whether a 4xx answer means the refresh token is dead (as opposed to a request or client problem). */
    abstract boolean isInvalidGrant(int status, Map<String, Object> body);

    /** Classifies a complete HTTP answer. */
    final BackendAnswer answer(int status, String retryAfterHeader, String body, TokenPair current, Instant now) {
        if (status == 429 || status == 503) {
            return BackendAnswer.retryLater(status, RetryAfter.parse(retryAfterHeader, now),
                    status == 429 ? "rate limited by the auth backend" : "auth backend unavailable");
        }
        Map<String, Object> json = null;
        String parseProblem = null;
        try {
            json = JsonReader.readObject(body);
        } catch (JsonReader.MalformedJsonException e) {
            parseProblem = body.isEmpty() ? "empty body" : "body is not a JSON object (" + e.getMessage() + ")";
        }
        if (status >= 200 && status < 300) {
            if (json == null) {
                return BackendAnswer.serverError(status, "refresh answer unreadable: " + parseProblem);
            }
            return tokens(status, json, current, now);
        }
        if (status >= 400 && status < 500 && isInvalidGrant(status, json)) {
            return BackendAnswer.invalidGrant(status, "refresh token rejected" + errorCode(json, current));
        }
        if ((status >= 300 && status < 400) || isConfigurationProblem(status, json)) {
            return BackendAnswer.configuration(status, "auth backend answered " + status + errorCode(json, current)
                    + ": check tokenrefresh.backend-url, protocol and client credentials");
        }
        if (status >= 400 && status < 500) {
            return BackendAnswer.rejected(status, "auth backend rejected the request with " + status + errorCode(json, current));
        }
        return BackendAnswer.serverError(status, "auth backend answered " + status + errorCode(json, current));
    }

    /**
     * Whether a 4xx answer is about the library's configuration rather than the token: no such endpoint, or
     * RFC 6749 section 5.2 client errors.
     */
    boolean isConfigurationProblem(int status, Map<String, Object> body) {
        if (status == 404 || status == 405 || status == 410) {
            return true;
        }
        Object error = body == null ? null : body.get("error");
        return "invalid_client".equals(error) || "unauthorized_client".equals(error) || "unsupported_grant_type".equals(error);
    }

    private BackendAnswer tokens(int status, Map<String, Object> json, TokenPair current, Instant now) {
        Object access = json.get(accessField);
        Object refresh = json.get(refreshField);
        if (!(access instanceof String) || ((String) access).isEmpty()) {
            return BackendAnswer.serverError(status, "refresh answer has no string \"" + accessField + "\"");
        }
        if (refresh != null && !(refresh instanceof String)) {
            return BackendAnswer.lost("refresh answer has a non-string \"" + refreshField + "\"");
        }
        String accessToken = (String) access;
        // RFC 6749 section 6: without a new refresh token the client keeps the old one.
        String refreshToken = refresh == null || ((String) refresh).isEmpty() ? current.refreshToken() : (String) refresh;
        if (!CookieValues.isWritable(accessToken) || !CookieValues.isWritable(refreshToken)) {
            return BackendAnswer.lost("refresh answer has a token that cannot be stored in a cookie");
        }
        long expiresAt = TokenPair.UNKNOWN;
        long issuedAt = TokenPair.UNKNOWN;
        JwtTimes times = JwtTimes.read(accessToken);
        if (times != null) {
            expiresAt = times.expiresAt();
            issuedAt = times.issuedAt();
        } else if (json.get(expiresInField) instanceof Number) {
            long seconds = ((Number) json.get(expiresInField)).longValue();
            if (seconds > 0 && seconds < Duration.ofDays(3650).getSeconds()) {
                issuedAt = now.getEpochSecond();
                expiresAt = issuedAt + seconds;
            }
        }
        return BackendAnswer.tokens(new TokenPair(accessToken, refreshToken, expiresAt, issuedAt), status);
    }

    private static String errorCode(Map<String, Object> json, TokenPair current) {
        Object error = json == null ? null : json.get("error");
        if (!(error instanceof String)) {
            return "";
        }
        String code = (String) error;
        // a backend that echoes the token it was sent must not put it into our logs
        if (contains(code, current.refreshToken()) || contains(code, current.accessToken())) {
            return "";
        }
        // error codes are short ASCII words (RFC 6749 section 5.2); anything else is not echoed
        return code.length() <= 64 && code.matches("[\\x20-\\x7e]*") ? " (" + code + ")" : "";
    }

    private static boolean contains(String text, String token) {
        return token != null && !token.isEmpty() && text.contains(token);
    }

    /** The seed's protocol: {@code POST {"refreshToken":..}} with the access token as Bearer. */
    static final class Json extends RefreshProtocol {
        Json(TokenRefreshSettings settings) {
            super(settings, "accessToken", "refreshToken", "expiresIn");
        }

        @Override
        ClassicHttpRequest request(TokenPair current) {
            ClassicRequestBuilder builder = ClassicRequestBuilder.post(settings.backendUrl())
                    .setHeader(HttpHeaders.ACCEPT, "application/json")
                    .setEntity(new StringEntity("{\"refreshToken\":" + JsonReader.quote(current.refreshToken()) + "}",
                            ContentType.APPLICATION_JSON));
            if (current.accessToken() != null) {
                builder.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + current.accessToken());
            }
            return builder.build();
        }

        @Override
        boolean isInvalidGrant(int status, Map<String, Object> body) {
            return status == 401 || status == 403 || (status == 400 && body != null && "invalid_grant".equals(body.get("error")));
        }
    }

    /** RFC 6749 section 6 refresh grant with client authentication (section 2.3.1). */
    static final class OAuth2 extends RefreshProtocol {
        OAuth2(TokenRefreshSettings settings) {
            // RFC 6749 section 5.1
            super(settings, "access_token", "refresh_token", "expires_in");
        }

        @Override
        ClassicHttpRequest request(TokenPair current) {
            List<NameValuePair> form = new java.util.ArrayList<>();
            form.add(new BasicNameValuePair("grant_type", "refresh_token"));
            form.add(new BasicNameValuePair("refresh_token", current.refreshToken()));
            ClassicRequestBuilder builder = ClassicRequestBuilder.post(settings.backendUrl())
                    .setHeader(HttpHeaders.ACCEPT, "application/json");
            if (settings.clientAuth() == TokenRefreshSettings.ClientAuth.BASIC) {
                // RFC 6749 section 2.3.1: id and secret are form-urlencoded before Basic encoding
                String credentials = formEncode(settings.clientId()) + ":" + formEncode(settings.clientSecret());
                builder.setHeader(HttpHeaders.AUTHORIZATION, "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            } else {
                form.add(new BasicNameValuePair("client_id", settings.clientId()));
                if (settings.clientSecret() != null) {
                    form.add(new BasicNameValuePair("client_secret", settings.clientSecret()));
                }
            }
            return builder.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8)).build();
        }

        private static String formEncode(String value) {
            return PercentCodec.encode(value, StandardCharsets.UTF_8);
        }

        @Override
        boolean isConfigurationProblem(int status, Map<String, Object> body) {
            return status == 401 || super.isConfigurationProblem(status, body);
        }

        @Override
        boolean isInvalidGrant(int status, Map<String, Object> body) {
            // RFC 6749 section 5.2: only invalid_grant says the refresh token is dead; invalid_client,
            // unauthorized_client and unsupported_grant_type are about our configuration (a 401 is how
            // servers answer invalid_client with Basic authentication), invalid_request about this request.
            return status == 400 && body != null && "invalid_grant".equals(body.get("error"));
        }
    }
}
