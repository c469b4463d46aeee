package org.tokenrefresh.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.Enumeration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.ExpiryPolicy;
import org.tokenrefresh.internal.servlet.RequestTokens;
import org.tokenrefresh.internal.token.CookieTokens;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.spi.TokenPair;

/**
 * Item 1, the per-request hot path: deciding "no refresh needed" for a request whose access token is
 * valid for another hour.
 *
 * <ul>
 * <li>{@code header*}: from the request's whole {@code Cookie} header (unrelated cookies, the access token
 * JWT, the refresh token) to the decision. All three scan the header the same way, with the code the filter
 * runs per request ({@link RequestTokens#scan}, what {@code RequestTokens.read} does but logging), and decide
 * with the same {@link ExpiryPolicy}: only the JWT reading differs. Ours reads {@code exp} in place from the
 * header ({@link CookieTokens}, {@code ExpiryPolicy.isDue(CookieTokens, now)}: exactly the filter's
 * {@code engine.isDue(tokens)}) and makes no string; java-jwt and Nimbus need the access token as a string,
 * made and checked by {@link CookieTokens#accessToken()} (the refresh token's string is not made for them
 * either).</li>
 * <li>{@code token*}: the JWT reading and decision alone, from the access token string. Ours:
 * {@link JwtTimes#read} ({@code exp} and {@code iat}, in place).</li>
 * </ul>
 * java-jwt: {@code JWT.decode(token)} then {@code getExpiresAt()} and {@code getIssuedAt()}. Nimbus:
 * {@code JWTParser.parse(token).getJWTClaimsSet()} then {@code getExpirationTime()} and
 * {@code getIssueTime()}. None verifies the signature (the auth backend is the verifier).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

    @Param({"SMALL", "LARGE", "LARGE_LATE"})
    public String shape;

    String cookieHeader;
    String accessToken;
    final ExpiryPolicy policy = new ExpiryPolicy(Duration.ofMinutes(10));
    final RequestTokens requestTokens = new RequestTokens(TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:9/refresh")));
    private final OneHeader headers = new OneHeader();
    /**
     * The filter keeps each request's scan in its {@code InboundExchange}; so does the benchmark, so that the JIT
     * cannot take the scan apart into registers (escape analysis) and B/op counts what the filter allocates.
     */
    CookieTokens kept;

    @Setup
    public void setUp() {
        long now = System.currentTimeMillis() / 1000;
        accessToken = Jwts.token(Jwts.Shape.valueOf(shape), now - 60, now + 3600, 42);
        cookieHeader = BrowserSession.OTHER_COOKIES + "; JSESSIONID=9F1C2D3E4A5B6C7D8E9F0A1B2C3D4E5F; authToken="
                + accessToken + "; refreshToken=" + Jwts.refreshToken(42) + "; _gid=GA1.2.987654321.1700000000";
        headers.value = cookieHeader;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Benchmark
    public boolean headerOurs() {
        CookieTokens tokens = requestTokens.scan(headers.reset());
        kept = tokens;
        return tokens.hasRefreshToken() && policy.isDue(tokens, now());
    }

    @Benchmark
    public boolean headerJavaJwt() {
        CookieTokens tokens = requestTokens.scan(headers.reset());
        kept = tokens;
        return tokens.hasRefreshToken() && policy.isDue(javaJwtPair(tokens.accessToken(), "-"), now());
    }

    @Benchmark
    public boolean headerNimbus() throws ParseException {
        CookieTokens tokens = requestTokens.scan(headers.reset());
        kept = tokens;
        return tokens.hasRefreshToken() && policy.isDue(nimbusPair(tokens.accessToken(), "-"), now());
    }

    @Benchmark
    public boolean tokenOurs() {
        JwtTimes times = JwtTimes.read(accessToken);
        return policy.isDue(new TokenPair(accessToken, "r", times.expiresAt(), times.issuedAt()), now());
    }

    @Benchmark
    public boolean tokenJavaJwt() {
        return policy.isDue(javaJwtPair(accessToken, "r"), now());
    }

    @Benchmark
    public boolean tokenNimbus() throws ParseException {
        return policy.isDue(nimbusPair(accessToken, "r"), now());
    }

    static TokenPair javaJwtPair(String access, String refresh) {
        DecodedJWT jwt = JWT.decode(access);
        return new TokenPair(access, refresh, seconds(jwt.getExpiresAt()), seconds(jwt.getIssuedAt()));
    }

    static TokenPair nimbusPair(String access, String refresh) throws ParseException {
        JWTClaimsSet claims = JWTParser.parse(access).getJWTClaimsSet();
        return new TokenPair(access, refresh, seconds(claims.getExpirationTime()), seconds(claims.getIssueTime()));
    }

    private static long seconds(Date date) {
        return date == null ? TokenPair.UNKNOWN : date.getTime() / 1000;
    }

    /**
     * The request's {@code Cookie} headers as the container hands them over ({@code getHeaders("Cookie")}):
     * here one header, enumerated again on every call without allocating, so that B/op counts only the
     * library's own allocation.
     */
    private static final class OneHeader implements Enumeration<String> {
        String value;
        private boolean done;

        OneHeader reset() {
            done = false;
            return this;
        }

        @Override
        public boolean hasMoreElements() {
            return !done;
        }

        @Override
        public String nextElement() {
            if (done) {
                throw new NoSuchElementException();
            }
            done = true;
            return value;
        }
    }
}
