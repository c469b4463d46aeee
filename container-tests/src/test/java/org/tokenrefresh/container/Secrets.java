package org.tokenrefresh.container;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret value a test saw (tokens, the vouching MACs, client credentials, {@code Authorization} header
 * values), each with its kind, and where any of them shows up in a text: whole, as a fragment of
 * {@value #FRAGMENT} characters or more, or as a shape only a secret has (a refresh request body, a JWT, a
 * {@code Bearer} or {@code Basic} credential). Not thread-safe: fed and read by the test thread.
 */
final class Secrets {

    /** The shortest piece of a secret that counts as a leak of it. */
    static final int FRAGMENT = 20;

    /** Cookies whose values are secrets, and their kinds (the expiry cookie holds a time, not a secret). */
    private static final Map<String, String> SECRET_COOKIES = Map.of("authToken", "access token", "refreshToken",
            "refresh token", "refreshToken-mac", "vouching MAC");
    /** Token fields of the auth backend's JSON: the json protocol's and RFC 6749 §5.1's. */
    private static final Pattern JSON_TOKEN = Pattern.compile(
            "\"(accessToken|refreshToken|access_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"");
    /** Secret fields of an RFC 6749 form body. */
    private static final Pattern FORM_SECRET = Pattern.compile("(?:^|&)(refresh_token|client_secret)=([^&]*)");
    /**
     * What only a token, a credential or a refresh request body looks like: a {@code Bearer} or {@code Basic}
     * credential has 16 characters or more, one a digit (or a dot), unlike the words "Bearer authentication".
     */
    private static final Pattern SHAPE = Pattern.compile("refresh_token=|client_secret=|\"refreshToken\"|\"accessToken\""
            + "|\"refresh_token\"|\"access_token\"|Bearer (?=[A-Za-z_~+/-]*[0-9.])[A-Za-z0-9._~+/-]{16,}"
            + "|Basic (?=[A-Za-z+/]*[0-9])[A-Za-z0-9+/]{16,}|eyJ[A-Za-z0-9_-]{8,}\\.eyJ");

    /**
     * One thing a text holds: a secret ({@code value}), whole or as a fragment, or a shape ({@code value} null).
     * Reads {@code refresh token}, {@code fragment of refresh token}, {@code shape 'refresh_token='}.
     */
    record Finding(String kind, String value, boolean whole) {

        @Override
        public String toString() {
            return value == null ? "shape '" + kind + "'" : (whole ? "" : "fragment of ") + kind;
        }
    }

    /** Secret value to its kind. */
    private final Map<String, String> values = new LinkedHashMap<>();
    /** Each {@value #FRAGMENT}-character piece of every secret, to the secret; rebuilt when secrets are added. */
    private Map<String, String> fragments;

    /** Adds a secret of {@code kind}; {@code null} and empty values are ignored. */
    void add(String kind, String value) {
        if (value != null && !value.isEmpty() && values.putIfAbsent(value, kind) == null) {
            fragments = null;
        }
    }

    /** The secret values of a {@code Cookie} request header. */
    void addCookieHeader(String header) {
        if (header == null) {
            return;
        }
        for (String pair : header.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                addCookie(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
    }

    /** The secret values a response sets as cookies. */
    void addSetCookies(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            int equals = header.indexOf('=');
            int end = header.indexOf(';');
            if (equals > 0) {
                addCookie(header.substring(0, equals).trim(), header.substring(equals + 1, end < 0 ? header.length() : end));
            }
        }
    }

    private void addCookie(String name, String value) {
        String kind = SECRET_COOKIES.get(name);
        if (kind != null) {
            add(kind, value);
        }
    }

    /** The credentials, refresh tokens and issued tokens of one exchange with the auth backend or an API. */
    void addExchange(Wiretap.Exchange exchange) {
        String authorization = exchange.authorization();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            add("Authorization header", authorization);
            add("bearer token", authorization.substring(7).trim());
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String credentials = authorization.substring(6).trim();
            add("Authorization header", authorization);
            add("Basic credentials", credentials);
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            add("client id:secret", decoded);
            add("client secret", URLDecoder.decode(decoded.substring(decoded.indexOf(':') + 1), StandardCharsets.UTF_8));
        }
        for (String body : List.of(exchange.requestBody(), exchange.responseBody())) {
            Matcher json = JSON_TOKEN.matcher(body);
            while (json.find()) {
                add(json.group(1).toLowerCase().startsWith("access") ? "access token" : "refresh token", json.group(2));
            }
        }
        Matcher form = FORM_SECRET.matcher(exchange.requestBody());
        while (form.find()) {
            add(form.group(1).replace('_', ' '), URLDecoder.decode(form.group(2), StandardCharsets.UTF_8));
        }
    }

    /** How many secrets there are. */
    int size() {
        return values.size();
    }

    /** How many secrets of each kind. */
    Map<String, Integer> countsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        values.values().forEach(kind -> counts.merge(kind, 1, Integer::sum));
        return counts;
    }

    /** What of the secrets {@code text} holds: each secret once, then each shape found. Empty when it holds none. */
    List<Finding> findIn(String text) {
        Set<String> hit = new LinkedHashSet<>();
        for (String secret : values.keySet()) {
            if (secret.length() < FRAGMENT && text.contains(secret)) {
                hit.add(secret);
            }
        }
        Map<String, String> index = fragments();
        for (int i = 0; i + FRAGMENT <= text.length(); i++) {
            String secret = index.get(text.substring(i, i + FRAGMENT));
            if (secret != null) {
                hit.add(secret);
            }
        }
        List<Finding> found = new ArrayList<>();
        for (String secret : hit) {
            found.add(new Finding(values.get(secret), secret, text.contains(secret)));
        }
        Matcher shape = SHAPE.matcher(text);
        while (shape.find()) {
            found.add(new Finding(shape.group(), null, false));
        }
        return found;
    }

    private Map<String, String> fragments() {
        if (fragments == null) {
            fragments = new LinkedHashMap<>();
            for (String secret : values.keySet()) {
                for (int i = 0; i + FRAGMENT <= secret.length(); i++) {
                    fragments.putIfAbsent(secret.substring(i, i + FRAGMENT), secret);
                }
            }
        }
        return fragments;
    }
}
