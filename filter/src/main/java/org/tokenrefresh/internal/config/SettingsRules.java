package org.tokenrefresh.internal.config;

import java.net.URI;
import java.util.Locale;
import org.tokenrefresh.internal.config.TokenRefreshSettings.ClientAuth;
import org.tokenrefresh.internal.config.TokenRefreshSettings.CookieSecure;
import org.tokenrefresh.internal.config.TokenRefreshSettings.Protocol;
import org.tokenrefresh.internal.config.TokenRefreshSettings.SameSite;
import org.tokenrefresh.internal.config.TokenRefreshSettings.Store;
import org.tokenrefresh.internal.token.CookieSpec;

/**
 * The rules that span several keys (a key's own type and range are in {@link Keys}): required companions,
 * cookie prefixes, safe URLs and paths. Each broken rule is one error in the one message that lists every
 * invalid setting.
 */
final class SettingsRules {

    private static final String PREFIX = Keys.PREFIX;
    /** Smallest {@code cookie-chunk-size}: room for a long cookie name and a useful piece of token. */
    static final int MIN_CHUNK_SIZE = 1024;

    private SettingsRules() {
    }

    static void check(TokenRefreshSettings s, ValueParser p) {
        if (!s.enabled()) {
            return;
        }
        if (s.backendUrl() == null && p.raw("backend-url") == null) {
            p.error(PREFIX + "backend-url is required: the auth backend's refresh or token endpoint URL");
        }
        if (s.protocol() == Protocol.OAUTH2 && s.clientId() == null) {
            p.error(PREFIX + "client-id is required when " + PREFIX + "protocol=oauth2");
        }
        if (s.clientAuth() == ClientAuth.BASIC && s.protocol() == Protocol.OAUTH2 && s.clientId() != null && s.clientSecret() == null) {
            p.error(PREFIX + "client-secret is required when " + PREFIX + "client-auth=basic");
        }
        if (s.accessCookie().equals(s.refreshCookie())) {
            p.error("access-cookie", s.accessCookie(), "must differ from " + PREFIX + "refresh-cookie");
        }
        if (s.cookieSameSite() == SameSite.NONE && s.cookieSecure() == CookieSecure.FALSE) {
            p.error("cookie-same-site", "None", "SameSite=None requires " + PREFIX + "cookie-secure to be auto or true");
        }
        if (!s.cookiePath().startsWith("/") || containsControlOrSeparator(s.cookiePath())) {
            p.error("cookie-path", s.cookiePath(), "must start with / and contain no ';' or control characters");
        }
        if (s.cookieDomain() != null && !s.cookieDomain().matches("\\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            p.error("cookie-domain", s.cookieDomain(), "not a valid domain name");
        }
        for (String name : new String[] {s.accessCookie(), s.refreshCookie(), s.expiryCookie()}) {
            if (name.startsWith("__Host-") && (s.cookieSecure() == CookieSecure.FALSE || !"/".equals(s.cookiePath()) || s.cookieDomain() != null)) {
                p.error("cookie name \"" + name + "\": the __Host- prefix requires cookie-secure auto or true, cookie-path=/ and no cookie-domain");
            }
            if (name.startsWith("__Secure-") && s.cookieSecure() == CookieSecure.FALSE) {
                p.error("cookie name \"" + name + "\": the __Secure- prefix requires cookie-secure auto or true");
            }
        }
        if (s.loginUrl() != null && !isSafeLoginUrl(s.loginUrl())) {
            p.error("login-url", s.loginUrl(), "must be a path starting with / (not //) or an absolute http(s) URL");
        }
        if (!s.endpointsPath().isEmpty() && (!s.endpointsPath().startsWith("/") || s.endpointsPath().endsWith("/") || containsControlOrSeparator(s.endpointsPath()))) {
            p.error("endpoints-path", s.endpointsPath(), "must be empty or a path starting with / and not ending with /");
        }
        if (s.storeKey() != null && s.storeKey().length() < TokenRefreshSettings.MIN_STORE_KEY_LENGTH) {
            p.errorHidden("store-key", "must be at least " + TokenRefreshSettings.MIN_STORE_KEY_LENGTH + " characters, e.g. the output of 'openssl rand -base64 32'");
        }
        if (s.storeKey() != null && s.store() == Store.MEMORY) {
            p.error(PREFIX + "store-key is set but " + PREFIX + "store=memory keeps nothing outside this JVM");
        }
        if (s.cookieChunkSize() < MIN_CHUNK_SIZE) {
            p.error("cookie-chunk-size", String.valueOf(s.cookieChunkSize()), "must be at least " + MIN_CHUNK_SIZE);
        }
        if (s.maxTokenSize() < s.cookieChunkSize()) {
            p.error("max-token-size", String.valueOf(s.maxTokenSize()), "must be at least " + PREFIX + "cookie-chunk-size ("
                    + s.cookieChunkSize() + ")");
        }
        // a token cookie named like a chunk of the other would be read as that chunk (CookieChunks); names of at most
        // 256 characters always leave a chunk of cookie-chunk-size room for 763 characters of token, 344 chunks at most
        for (String name : new String[] {s.accessCookie(), s.refreshCookie()}) {
            for (String other : new String[] {s.accessCookie(), s.refreshCookie(), s.expiryCookie()}) {
                if (CookieSpec.isChunkName(other, name)) {
                    p.error("cookie name \"" + other + "\" is the name of a chunk of cookie \"" + name + "\"; choose another");
                }
            }
        }
        if (s.reuseGuard().compareTo(s.rotationGrace()) < 0) {
            p.error("reuse-guard", ValueParser.format(s.reuseGuard()), "must be at least " + PREFIX + "rotation-grace (" + ValueParser.format(s.rotationGrace()) + ")");
        }
    }

    /** The URL as it may be logged: without user-info, query and fragment, which may carry credentials. */
    static String redacted(URI url) {
        if (url == null) {
            return null;
        }
        String hidden = (url.getRawUserInfo() != null ? "***@" : "");
        return url.getScheme() + "://" + hidden + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() != null ? "?***" : "");
    }

    private static boolean isSafeLoginUrl(String url) {
        if (containsControlOrSeparator(url) || url.indexOf('\\') >= 0) {
            return false;
        }
        if (url.startsWith("/")) {
            return !url.startsWith("//");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean containsControlOrSeparator(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';' || c == ',') {
                return true;
            }
        }
        return false;
    }
}
