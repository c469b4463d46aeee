package org.tokenrefresh.mockauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reading request bodies and parameters: forms (RFC 6749 §3.2 rules), JSON objects, query strings. */
final class Requests {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";

    private Requests() {
    }

    static boolean contentTypeIs(AuthRequest request, String mediaType) {
        String contentType = request.header("Content-Type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(mediaType);
    }

    /** A JSON object or a form, by Content-Type, else by the first character. */
    static Map<String, ?> readObject(AuthRequest request) {
        String body = Json.utf8(request.body());
        boolean json = contentTypeIs(request, JSON) || (!contentTypeIs(request, FORM) && body.trim().startsWith("{"));
        return json ? Json.parseObject(body) : parseForm(body);
    }

    /**
     * The parameters of a control call: the query string, plus the body when it is a form or a JSON object
     * (values as text). A parameter given twice is an error.
     */
    static Map<String, String> params(AuthRequest request) {
        Map<String, String> params = parseForm(request.query() == null ? "" : request.query());
        String body = Json.utf8(request.body());
        if (body.isBlank()) {
            return params;
        }
        Map<String, ?> fromBody = contentTypeIs(request, FORM) ? parseForm(body) : Json.parseObject(body);
        for (Map.Entry<String, ?> entry : fromBody.entrySet()) {
            if (entry.getValue() != null && params.put(entry.getKey(), String.valueOf(entry.getValue())) != null) {
                throw new IllegalArgumentException("parameter " + entry.getKey() + " is repeated");
            }
        }
        return params;
    }

    /** Parses {@code a=1&b=2}; a repeated parameter is an error (RFC 6749 §3.2). */
    static Map<String, String> parseForm(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            if (result.put(name, value) != null) {
                throw new IllegalArgumentException("parameter " + name + " is repeated");
            }
        }
        return result;
    }

    static String formDecode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
