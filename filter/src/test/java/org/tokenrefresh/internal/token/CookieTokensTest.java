package org.tokenrefresh.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.Gen;
import org.tokenrefresh.testsupport.Property;
import org.tokenrefresh.testsupport.UnsignedJwt;

class CookieTokensTest {

    private static final String[] NAMES = {"authToken", "refreshToken", "authToken-exp"};
    private static final long IAT = 1_700_000_000L;
    private static final long EXP = 1_700_003_600L;
    private static final String JWT = UnsignedJwt.withTimes(IAT, EXP, "alice");

    private static final int MAX_TOKEN_SIZE = 16_384;

    private static CookieTokens scan(String header) {
        return CookieTokens.scan(header, CookieSpec.tokens(NAMES, 8, MAX_TOKEN_SIZE));
    }

    @Test
    void readsTheTimesOfTheAccessTokenFromTheHeader() {
        CookieTokens tokens = scan("_ga=GA1.2.3; authToken=" + JWT + "; refreshToken=r-1; lang=en");

        assertTrue(tokens.hasAccessToken());
        assertTrue(tokens.hasRefreshToken());
        assertEquals(EXP, tokens.expiresAt());
        assertEquals(IAT, tokens.issuedAt());
        assertNull(tokens.problem());
    }

    @Test
    void theTokenStringsAreMadeOnlyWhenAskedFor() {
        CookieTokens tokens = scan("authToken=" + JWT + "; refreshToken=r-1");

        assertEquals(JWT, tokens.accessToken());
        assertEquals("r-1", tokens.refreshToken());
        TokenPair pair = tokens.pair();
        assertEquals(JWT, pair.accessToken());
        assertEquals("r-1", pair.refreshToken());
        assertEquals(EXP, pair.expiresAt());
        assertEquals(IAT, pair.issuedAt());
        assertSame(pair, tokens.pair(), "made once");
    }

    @Test
    void theExpiryOfAMalformedAccessCookieIsReadBeforeItsCharactersAreChecked() {
        // the shortcut of the hot path: the characters are checked when the string is made, not before
        CookieTokens tokens = scan("authToken=" + JWT + "\"x; refreshToken=r-1");

        assertEquals(EXP, tokens.expiresAt());
        assertNull(tokens.problem());
        assertNull(tokens.accessToken());
        assertNotNull(tokens.problem());
        assertTrue(tokens.problem().contains("authToken"), tokens.problem());
        assertFalse(tokens.problem().contains(JWT.substring(0, 10)), tokens.problem());
    }

    @Test
    void aMalformedAccessCookieMakesAPairWithoutAccessTokenAsIfItWereAbsent() {
        TokenPair pair = scan("authToken=" + JWT + "\\x; refreshToken=r-1").pair();

        assertNull(pair.accessToken());
        assertEquals("r-1", pair.refreshToken());
        assertEquals(TokenPair.UNKNOWN, pair.expiresAt());
        assertEquals(TokenPair.UNKNOWN, pair.issuedAt());
    }

    @Test
    void aMalformedRefreshCookieMakesNoPair() {
        CookieTokens tokens = scan("authToken=" + JWT + "; refreshToken=r\"1");

        assertTrue(tokens.hasRefreshToken(), "present, not yet checked");
        assertNull(tokens.pair());
        assertTrue(tokens.problem().contains("refreshToken"), tokens.problem());
        assertFalse(tokens.problem().contains("r\"1"), tokens.problem());
    }

    @Test
    void anOversizedCookieIsAbsentAndReported() {
        String huge = JWT + "A".repeat(MAX_TOKEN_SIZE);
        CookieTokens tokens = scan("authToken=" + huge + "; refreshToken=r-1");

        assertFalse(tokens.hasAccessToken());
        assertEquals(TokenPair.UNKNOWN, tokens.expiresAt());
        assertTrue(tokens.problem().contains("authToken"), tokens.problem());
        assertNull(tokens.pair().accessToken());
    }

    @Test
    void theFirstOccurrenceOfANameIsUsedEvenWhenItIsMalformed() {
        CookieTokens tokens = scan("refreshToken=bad\\value; refreshToken=good; authToken=" + JWT);

        assertNull(tokens.pair());
        assertTrue(tokens.problem().contains("refreshToken"), tokens.problem());
    }

    @Test
    void anEmptyOccurrenceIsSkippedWithoutAProblem() {
        CookieTokens tokens = scan("refreshToken=; refreshToken=\"\"; refreshToken=r-2");

        assertEquals("r-2", tokens.refreshToken());
        assertNull(tokens.problem());
    }

    @Test
    void cookiesSpreadOverSeveralHeadersAreFound() {
        // HTTP/2 lets a client send one Cookie header per pair (RFC 9113 section 8.2.3)
        CookieTokens tokens = CookieTokens.scan(Collections.enumeration(List.of("lang=en", "refreshToken=r-1", "authToken=" + JWT)),
                CookieSpec.tokens(NAMES, 8, MAX_TOKEN_SIZE));

        assertEquals(EXP, tokens.expiresAt());
        assertEquals("r-1", tokens.pair().refreshToken());
        assertEquals(JWT, tokens.pair().accessToken());
    }

    @Test
    void quotedValuesAndSpacesBeforeTheEqualsSignAreAccepted() {
        CookieTokens tokens = scan("authToken =\"" + JWT + "\" ;refreshToken=r-1\t");

        assertEquals(EXP, tokens.expiresAt());
        assertEquals(JWT, tokens.accessToken());
        assertEquals("r-1", tokens.refreshToken());
    }

    @Test
    void namesAreMatchedExactly() {
        CookieTokens tokens = scan("xauthToken=" + JWT + "; authTokenx=1; refreshToken2=r; refreshTokens=r; authToken; refreshToken");

        assertFalse(tokens.hasAccessToken());
        assertFalse(tokens.hasRefreshToken());
    }

    @Test
    void theCompanionCookieGivesTheTimesOfAnOpaqueAccessToken() {
        CookieTokens tokens = scan("authToken=opaque-1; refreshToken=r-1; authToken-exp=" + IAT + "_" + EXP);

        assertEquals(EXP, tokens.expiresAt());
        assertEquals(IAT, tokens.issuedAt());
        TokenPair pair = tokens.pair();
        assertEquals(EXP, pair.expiresAt());
        assertEquals(IAT, pair.issuedAt());
    }

    @Test
    void theJwtWinsOverTheCompanionCookie() {
        CookieTokens tokens = scan("authToken=" + JWT + "; refreshToken=r-1; authToken-exp=1_2");

        assertEquals(EXP, tokens.expiresAt());
        assertEquals(IAT, tokens.issuedAt());
    }

    @Test
    void anInvalidCompanionCookieLeavesTheExpiryUnknown() {
        for (String companion : new String[] {"2_1", "x_1", "1_", "_1", "1", "1_2_3", "-1_2", "1_" + (JwtTimes.MAX_EPOCH_SECOND + 1),
                "99999999999999999999_1", "1_0"}) {
            CookieTokens tokens = scan("authToken=opaque; refreshToken=r; authToken-exp=" + companion);

            assertEquals(TokenPair.UNKNOWN, tokens.expiresAt(), companion);
            assertEquals(TokenPair.UNKNOWN, tokens.issuedAt(), companion);
        }
    }

    @Test
    void withoutAccessCookieTheCompanionCookieIsNotUsed() {
        CookieTokens tokens = scan("refreshToken=r; authToken-exp=" + IAT + "_" + EXP);

        assertEquals(TokenPair.UNKNOWN, tokens.expiresAt());
        assertNull(tokens.pair().accessToken());
    }

    @Test
    void threeNamesAreNeeded() {
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.tokens(new String[] {"a", "b"}, 8, MAX_TOKEN_SIZE));
    }

    // ---- properties (seeded: -Dtestsupport.seed=N replays a reported failure) ----

    /** Headers built from the pieces that matter: the names, tokens, companion values and what any scan meets. */
    private static final Gen<String> HEADERS = CookieValuesTest.headersOf("authToken", "refreshToken", "authToken-exp", JWT, "1_2",
            IAT + "_" + EXP, "opaque");

    @Test
    void findsTheSameTokensAsCookieValuesInAnyHeader() {
        // the two scans share their rules (CookieScan): the lazy one must end where the eager one does
        Property.check(3000, sample -> {
            String header = sample.draw(HEADERS);
            CookieTokens tokens = scan(header);
            CookieValues values = CookieValues.scan(header, NAMES);

            assertEquals(values.get(0), tokens.accessToken(), header);
            assertEquals(values.get(1), tokens.refreshToken(), header);
            assertEquals(values.get(1) != null, tokens.pair() != null, header);
        });
    }

    @Test
    void anyHeaderNeverThrowsAndGivesPlausibleTimes() {
        Property.check(2000, sample -> {
            CookieTokens tokens = scan(sample.draw(Gen.oneOf(HEADERS, Gen.strings())));
            long exp = tokens.expiresAt();
            long iat = tokens.issuedAt();

            assertTrue(exp == TokenPair.UNKNOWN || (exp > 0 && exp <= JwtTimes.MAX_EPOCH_SECOND), () -> Long.toString(exp));
            assertTrue(iat == TokenPair.UNKNOWN || (iat >= 0 && iat <= exp), () -> iat + " " + exp);
            tokens.pair();
        });
    }

    @Test
    void readsInPlaceTheTimesTheTokenStringGives() {
        Gen<Long> seconds = Gen.longs(1, JwtTimes.MAX_EPOCH_SECOND);
        Gen<String> others = Gen.strings(Gen.charsFrom("abc=; \t\"._-eyJ"), 0, 40);
        Property.check(2000, sample -> {
            String subject = sample.draw(Gen.strings(Gen.charsFrom("abcXYZ019-_ \u00e9\u20ac"), 0, 20));
            String jwt = UnsignedJwt.withTimes(sample.draw(seconds), sample.draw(seconds), subject);
            String value = sample.draw(Gen.booleans()) ? "\"" + jwt + "\"" : jwt;
            String header = sample.draw(others) + "; authToken=" + value + "; refreshToken=r; " + sample.draw(others);
            CookieTokens tokens = scan(header);
            JwtTimes expected = JwtTimes.read(tokens.accessToken());

            assertNotNull(expected, header);
            assertEquals(expected.expiresAt(), tokens.expiresAt(), header);
            assertEquals(expected.issuedAt(), tokens.issuedAt(), header);
        });
    }

    // ---- tokens in chunks (CookieChunks writes them) ----

    @Test
    void aTokenInChunksIsJoinedInOrderWhateverTheOrderOfTheCookies() {
        String big = UnsignedJwt.withTimes(IAT, EXP, "alice", 6_000);
        String header = "authToken-2=" + big.substring(3_000) + "; lang=en; authToken-1=" + big.substring(0, 3_000)
                + "; refreshToken=r-1; authToken-exp=x";

        CookieTokens tokens = scan(header);

        assertTrue(tokens.chunked());
        assertEquals(EXP, tokens.expiresAt());
        assertEquals(IAT, tokens.issuedAt());
        assertEquals(big, tokens.pair().accessToken());
        assertEquals("r-1", tokens.pair().refreshToken());
        assertNull(tokens.problem());
    }

    @Test
    void thePlainNameWinsOverChunksAndChunksAreReadUntilOneIsMissing() {
        CookieTokens plain = scan("authToken-1=aaa; authToken=" + JWT + "; refreshToken=r-1");
        assertFalse(plain.chunked());
        assertEquals(JWT, plain.accessToken());

        CookieTokens gap = scan("refreshToken-1=r1; refreshToken-2=r2; refreshToken-4=r4");
        assertTrue(gap.chunked());
        assertEquals("r1r2", gap.refreshToken());
    }

    @Test
    void chunkNamesBeyondTheLimitOrNotNumberedAreNotChunks() {
        CookieTokens tokens = scan("refreshToken-9=x; refreshToken-0=y; refreshToken-01x=z; refreshToken-1000=w; "
                + "refreshToken-mac=m; refreshToken- 1=v");
        assertFalse(tokens.hasRefreshToken(), "9 is beyond the 8 chunks a token can need; the others are other names");
        assertFalse(tokens.chunked());
    }

    @Test
    void chunksTogetherLongerThanTheMaximumTokenSizeAreAbsentAndReported() {
        StringBuilder header = new StringBuilder("refreshToken=r-1");
        for (int chunk = 1; chunk <= 5; chunk++) {
            header.append("; authToken-").append(chunk).append('=').append("A".repeat(4_000));
        }
        CookieTokens tokens = scan(header.toString());

        assertFalse(tokens.hasAccessToken());
        assertTrue(tokens.problem().contains("authToken in chunks is longer than 16384"), tokens.problem());
        assertNull(tokens.pair().accessToken());
    }

    @Test
    void aChunkLongerThanACookieOrSentTwiceIsReportedWithoutItsValue() {
        CookieTokens oversized = scan("refreshToken-1=" + "s".repeat(4_097) + "; refreshToken-2=b");
        assertTrue(oversized.problem().contains("refreshToken-1 is longer than 4096"), oversized.problem());
        assertFalse(oversized.hasRefreshToken(), "without its first chunk, no token");

        CookieTokens twice = scan("refreshToken-1=v-one; refreshToken-1=v-two");
        assertEquals("v-one", twice.refreshToken());
        assertTrue(twice.problem().contains("refreshToken-1 sent more than once"), twice.problem());
        assertFalse(twice.problem().contains("v-one") || twice.problem().contains("v-two"), twice.problem());
    }

    @Test
    void aMalformedChunkMakesTheJoinedTokenMalformed() {
        CookieTokens tokens = scan("refreshToken-1=ok; refreshToken-2=bad\\value");
        assertTrue(tokens.hasRefreshToken());
        assertNull(tokens.pair(), "checked when the string is needed, like a plain cookie");
    }
}
