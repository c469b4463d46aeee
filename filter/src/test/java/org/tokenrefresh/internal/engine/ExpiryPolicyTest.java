package org.tokenrefresh.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.token.CookieSpec;
import org.tokenrefresh.internal.token.CookieTokens;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.Gen;
import org.tokenrefresh.testsupport.Property;
import org.tokenrefresh.testsupport.UnsignedJwt;

class ExpiryPolicyTest {

    private static final String[] NAMES = {"authToken", "refreshToken", "authToken-exp"};
    private static final ExpiryPolicy TEN_MINUTES = new ExpiryPolicy(Duration.ofMinutes(10));

    private static CookieTokens cookies(String header) {
        return CookieTokens.scan(header, CookieSpec.tokens(NAMES, 8, 16_384));
    }

    @Test
    void aTokenIsDueWithinTheThresholdCappedAtHalfItsLifetime() {
        long now = 1_700_000_000L;
        assertFalse(TEN_MINUTES.isDue(new TokenPair("a", "r", now + 601, now - 3000), now));
        assertTrue(TEN_MINUTES.isDue(new TokenPair("a", "r", now + 600, now - 3000), now));
        // a 2-minute token: due in its second minute, not for its whole life
        assertFalse(TEN_MINUTES.isDue(new TokenPair("a", "r", now + 61, now - 59), now));
        assertTrue(TEN_MINUTES.isDue(new TokenPair("a", "r", now + 60, now - 60), now));
    }

    @Test
    void theRequestCookiesAreDueExactlyWhenTheirPairIs() {
        long now = 1_700_000_000L;
        for (long[] times : new long[][] {{now + 601, now - 3000}, {now + 600, now - 3000}, {now + 61, now - 59}, {now + 60, now - 60},
                {now - 1, now - 100}}) {
            CookieTokens tokens = cookies("authToken=" + UnsignedJwt.withTimes(times[1], times[0], "a") + "; refreshToken=r");

            assertEquals(TEN_MINUTES.isDue(tokens.pair(), now), TEN_MINUTES.isDue(tokens, now), times[0] + " " + times[1]);
        }
    }

    @Test
    void withoutAccessCookieTheRequestIsDueAndWithAnUnknownExpiryItIsNot() {
        assertTrue(TEN_MINUTES.isDue(cookies("refreshToken=r"), 1_700_000_000L));
        assertFalse(TEN_MINUTES.isDue(cookies("authToken=opaque; refreshToken=r"), 1_700_000_000L));
    }

    @Test
    void theInPlaceDecisionIsTheDecisionOnThePairForAnyTimes() {
        // the in-place path reads iat only near the expiry: it must decide exactly as the pair does
        Gen<Long> offsets = Gen.longs(-100_000, 100_000);
        Gen<Long> thresholds = Gen.longs(0, 7200);
        Property.check(3000, sample -> {
            long now = 1_700_000_000L;
            long exp = now + sample.draw(offsets);
            long iat = now + sample.draw(offsets);
            ExpiryPolicy policy = new ExpiryPolicy(Duration.ofSeconds(sample.draw(thresholds)));
            String access = sample.draw(Gen.booleans()) ? UnsignedJwt.withTimes(iat, exp, "a")
                    : "opaque; authToken-exp=" + iat + "_" + exp;
            CookieTokens tokens = cookies("authToken=" + access + "; refreshToken=r");

            assertEquals(policy.isDue(tokens.pair(), now), policy.isDue(tokens, now), access);
            assertTrue(exp > JwtTimes.MAX_EPOCH_SECOND || tokens.expiresAt() == exp || iat > exp, access);
        });
    }
}
