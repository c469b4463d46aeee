package org.tokenrefresh.bench;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tokenrefresh.internal.engine.ExpiryPolicy;
import org.tokenrefresh.internal.token.CookieValues;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.spi.TokenPair;

/**
 * The seed's design, for comparison only: every request that finds its access token due calls the auth
 * backend itself with its refresh token. No single-flight, no successor record, no circuit breaker. On
 * success the request goes on with the new token and the cookies are rewritten; on any failure the cookies
 * are cleared and the request gets 401, as the seed's middleware does. It uses the same cookie reading and
 * the same expiry decision as the library, so that only the coordination differs.
 */
final class NaiveRefreshFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern ACCESS = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REFRESH = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

    private final transient HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String refreshUrl;
    private final transient Clock clock;
    private final transient ExpiryPolicy expiry = new ExpiryPolicy(Duration.ofMinutes(10));
    final transient LongAdder backendCalls = new LongAdder();

    NaiveRefreshFilter(String refreshUrl, Clock clock) {
        this.refreshUrl = refreshUrl;
        this.clock = clock;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CookieValues cookies = CookieValues.scan(request.getHeaders("Cookie"), "authToken", "refreshToken");
        String access = cookies.get(0);
        String refresh = cookies.get(1);
        if (refresh == null) {
            chain.doFilter(request, response);
            return;
        }
        JwtTimes times = JwtTimes.read(access);
        TokenPair pair = new TokenPair(access, refresh, times == null ? TokenPair.UNKNOWN : times.expiresAt(),
                times == null ? TokenPair.UNKNOWN : times.issuedAt());
        if (!expiry.isDue(pair, clock.millis() / 1000)) {
            chain.doFilter(request, response);
            return;
        }
        String[] next = callBackend(access, refresh);
        if (next == null) {
            response.addHeader("Set-Cookie", "authToken=; Max-Age=0; Path=/; HttpOnly");
            response.addHeader("Set-Cookie", "refreshToken=; Max-Age=0; Path=/; HttpOnly");
            response.setStatus(401);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"session_expired\"}");
            return;
        }
        response.addHeader("Set-Cookie", "authToken=" + next[0] + "; Path=/; HttpOnly");
        response.addHeader("Set-Cookie", "refreshToken=" + next[1] + "; Path=/; HttpOnly");
        chain.doFilter(new WithTokens(request, next[0], next[1]), response);
    }

    /** One refresh call; the new access and refresh token, or {@code null} on any failure. */
    private String[] callBackend(String access, String refresh) {
        backendCalls.increment();
        try {
            HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(refreshUrl)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + refresh + "\"}"));
            if (access != null) {
                call.header("Authorization", "Bearer " + access);
            }
            HttpResponse<String> answer = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return null;
            }
            Matcher a = ACCESS.matcher(answer.body());
            Matcher r = REFRESH.matcher(answer.body());
            return a.find() && r.find() ? new String[] {a.group(1), r.group(1)} : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The request as the application sees it after a refresh: the new tokens in its cookies. */
    private static final class WithTokens extends HttpServletRequestWrapper {
        private final String access;
        private final String refresh;

        WithTokens(HttpServletRequest request, String access, String refresh) {
            super(request);
            this.access = access;
            this.refresh = refresh;
        }

        @Override
        public Cookie[] getCookies() {
            return new Cookie[] {new Cookie("authToken", access), new Cookie("refreshToken", refresh)};
        }

        @Override
        public String getHeader(String name) {
            return "cookie".equalsIgnoreCase(name) ? "authToken=" + access + "; refreshToken=" + refresh : super.getHeader(name);
        }
    }
}
