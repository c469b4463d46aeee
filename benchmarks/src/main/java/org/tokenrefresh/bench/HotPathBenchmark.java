package org.tokenrefresh.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tokenrefresh.internal.engine.ExpiryPolicy;
import org.tokenrefresh.internal.token.CookieValues;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.spi.TokenPair;

/**
 * Item 1, the per-request hot path: deciding "no refresh needed" for a request whose access token is
 * valid for another hour.
 *
 * <ul>
 * <li>{@code header*}: from the request's whole {@code Cookie} header (unrelated cookies, the access token
 * JWT, the refresh token) to the decision. All three read the cookies the same way (the library's
 * {@link CookieValues}) and decide with the same {@link ExpiryPolicy}: only the JWT reading differs.</li>
 * <li>{@code token*}: the JWT reading and decision alone, from the access token string.</li>
 * </ul>
 * Ours: {@link JwtTimes#read}. java-jwt: {@code JWT.decode(token)} then {@code getExpiresAt()} and
 * {@code getIssuedAt()}. Nimbus: {@code JWTParser.parse(token).getJWTClaimsSet()} then
 * {@code getExpirationTime()} and {@code getIssueTime()}. None verifies the signature (the auth backend
 * is the verifier).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

    private static final String[] NAMES = {"authToken", "refreshToken", "authToken-exp"};

    @Param({"SMALL", "LARGE", "LARGE_LATE"})
    public String shape;

    String cookieHeader;
    String accessToken;
    final ExpiryPolicy policy = new ExpiryPolicy(Duration.ofMinutes(10));

    @Setup
    public void setUp() {
        long now = System.currentTimeMillis() / 1000;
        accessToken = Jwts.token(Jwts.Shape.valueOf(shape), now - 60, now + 3600, 42);
        cookieHeader = BrowserSession.OTHER_COOKIES + "; JSESSIONID=9F1C2D3E4A5B6C7D8E9F0A1B2C3D4E5F; authToken="
                + accessToken + "; refreshToken=" + Jwts.refreshToken(42) + "; _gid=GA1.2.987654321.1700000000";
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Benchmark
    public boolean headerOurs() {
        CookieValues cookies = CookieValues.scan(cookieHeader, NAMES);
        String refresh = cookies.get(1);
        if (refresh == null) {
            return false;
        }
        String access = cookies.get(0);
        JwtTimes times = JwtTimes.read(access);
        TokenPair pair = times == null ? new TokenPair(access, refresh, TokenPair.UNKNOWN, TokenPair.UNKNOWN)
                : new TokenPair(access, refresh, times.expiresAt(), times.issuedAt());
        return policy.isDue(pair, now());
    }

    @Benchmark
    public boolean headerJavaJwt() {
        CookieValues cookies = CookieValues.scan(cookieHeader, NAMES);
        String refresh = cookies.get(1);
        if (refresh == null) {
            return false;
        }
        String access = cookies.get(0);
        return policy.isDue(javaJwtPair(access, refresh), now());
    }

    @Benchmark
    public boolean headerNimbus() throws ParseException {
        CookieValues cookies = CookieValues.scan(cookieHeader, NAMES);
        String refresh = cookies.get(1);
        if (refresh == null) {
            return false;
        }
        String access = cookies.get(0);
        return policy.isDue(nimbusPair(access, refresh), now());
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
}
