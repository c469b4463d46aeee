package org.tokenrefresh.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.Gen;
import org.tokenrefresh.testsupport.Property;
import org.tokenrefresh.testsupport.UnsignedJwt;

class JwtTimesTest {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = UnsignedJwt.HEADER;
    private static final String SIGNATURE = UnsignedJwt.SIGNATURE;

    static String jwt(String payloadJson) {
        return UnsignedJwt.of(payloadJson);
    }

    // ---- examples ----

    @Test
    void readsExpAndIatOfAValidJwt() {
        JwtTimes times = JwtTimes.read(jwt("{\"sub\":\"alice\",\"iat\":1700000000,\"exp\":1700000600}"));

        assertNotNull(times);
        assertEquals(1_700_000_600L, times.expiresAt());
        assertEquals(1_700_000_000L, times.issuedAt());
    }

    @Test
    void stopsReadingOnceExpAndIatAreKnown() {
        // Keycloak puts exp and iat first; what follows is not decoded (here it is not even JSON)
        String token = HEADER + "." + URL.encodeToString("{\"exp\":1700000600,\"iat\":1700000000,\"jti\":".getBytes(StandardCharsets.UTF_8))
                + "!!!not-base64!!!." + SIGNATURE;

        JwtTimes times = JwtTimes.read(token);

        assertNotNull(times);
        assertEquals(1_700_000_600L, times.expiresAt());
        assertEquals(1_700_000_000L, times.issuedAt());
    }

    @Test
    void readsExpWithoutIatAndReportsIatUnknown() {
        JwtTimes times = JwtTimes.read(jwt("{\"sub\":\"alice\",\"exp\":1700000600}"));

        assertNotNull(times);
        assertEquals(1_700_000_600L, times.expiresAt());
        assertEquals(TokenPair.UNKNOWN, times.issuedAt());
    }

    @Test
    void readsATokenIssuedByTheMockBackendShape() {
        String token = jwt("{\"sub\":\"demo\",\"iss\":\"mock-auth\",\"iat\":1800000000,\"exp\":1800000060,"
                + "\"jti\":\"x-_y\",\"fam\":\"abc\"}");

        JwtTimes times = JwtTimes.read(token);

        assertEquals(1_800_000_060L, times.expiresAt());
        assertEquals(1_800_000_000L, times.issuedAt());
    }

    @Test
    void fractionalExpIsTruncated() {
        JwtTimes times = JwtTimes.read(jwt("{\"exp\":1700000600.987,\"iat\":1700000000.5}"));

        assertEquals(1_700_000_600L, times.expiresAt());
        assertEquals(1_700_000_000L, times.issuedAt());
    }

    @Test
    void expAsStringGivesNull() {
        assertNull(JwtTimes.read(jwt("{\"exp\":\"1700000600\"}")));
    }

    @Test
    void missingExpGivesNull() {
        assertNull(JwtTimes.read(jwt("{\"sub\":\"alice\",\"iat\":1700000000}")));
    }

    @Test
    void emptyClaimsObjectGivesNull() {
        assertNull(JwtTimes.read(jwt("{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1700000600", "-1", "0"})
    void negativeOrZeroExpGivesNull(String exp) {
        assertNull(JwtTimes.read(jwt("{\"exp\":" + exp + "}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.7e9", "1.7E9", "17e8", "1700000600e0"})
    void exponentFormExpGivesNull(String exp) {
        assertNull(JwtTimes.read(jwt("{\"exp\":" + exp + "}")));
    }

    @Test
    void expAfterTheYear9999GivesNull() {
        assertNull(JwtTimes.read(jwt("{\"exp\":" + (JwtTimes.MAX_EPOCH_SECOND + 1) + "}")));
        assertNull(JwtTimes.read(jwt("{\"exp\":999999999999999}")));
        assertNull(JwtTimes.read(jwt("{\"exp\":99999999999999999999999}")));
    }

    @Test
    void expOnTheLastSecondOf9999IsAccepted() {
        assertEquals(JwtTimes.MAX_EPOCH_SECOND, JwtTimes.read(jwt("{\"exp\":" + JwtTimes.MAX_EPOCH_SECOND + "}")).expiresAt());
    }

    @Test
    void duplicatedExpGivesNull() {
        assertNull(JwtTimes.read(jwt("{\"exp\":1700000600,\"sub\":\"a\",\"exp\":1700000600}")));
        assertNull(JwtTimes.read(jwt("{\"exp\":1700000600,\"exp\":1900000000}")));
    }

    @Test
    void expNestedInsideAnObjectClaimIsIgnored() {
        JwtTimes times = JwtTimes.read(jwt(
                "{\"ctx\":{\"exp\":1,\"iat\":1,\"deep\":{\"exp\":2}},\"exp\":1700000600,\"list\":[{\"exp\":3}]}"));

        assertEquals(1_700_000_600L, times.expiresAt());
        assertEquals(TokenPair.UNKNOWN, times.issuedAt());
    }

    @Test
    void expOnlyInsideANestedObjectGivesNull() {
        assertNull(JwtTimes.read(jwt("{\"ctx\":{\"exp\":1700000600}}")));
        assertNull(JwtTimes.read(jwt("{\"ctx\":[1700000600,{\"exp\":1700000600}]}")));
    }

    @Test
    void expInsideAStringValueIsIgnored() {
        JwtTimes times = JwtTimes.read(jwt("{\"note\":\"\\\"exp\\\":1,{[\",\"exp\":1700000600}"));

        assertEquals(1_700_000_600L, times.expiresAt());
    }

    @Test
    void keyThatOnlyStartsWithExpIsNotExp() {
        assertNull(JwtTimes.read(jwt("{\"expires\":1700000600,\"ex\":1700000600}")));
        assertEquals(1_700_000_600L, JwtTimes.read(jwt("{\"expires\":1,\"exp\":1700000600}")).expiresAt());
    }

    @Test
    void whitespaceAroundMembersIsAllowed() {
        JwtTimes times = JwtTimes.read(jwt(" {\n  \"iat\" : 1700000000 ,\r\n\t\"exp\" :\t1700000600\n}\n"));

        assertEquals(1_700_000_600L, times.expiresAt());
        assertEquals(1_700_000_000L, times.issuedAt());
    }

    @Test
    void iatLaterThanExpIsReportedUnknown() {
        JwtTimes times = JwtTimes.read(jwt("{\"iat\":1700000601,\"exp\":1700000600}"));

        assertEquals(1_700_000_600L, times.expiresAt());
        assertEquals(TokenPair.UNKNOWN, times.issuedAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1700000000\"", "null", "-5", "true", "{\"a\":1}", "[1,2]", "1.7e9"})
    void implausibleIatIsIgnoredAndExpIsStillRead(String iat) {
        JwtTimes before = JwtTimes.read(jwt("{\"iat\":" + iat + ",\"exp\":1700000600}"));
        JwtTimes after = JwtTimes.read(jwt("{\"exp\":1700000600,\"iat\":" + iat + "}"));

        assertNotNull(before, "iat " + iat + " before exp");
        assertNotNull(after, "iat " + iat + " after exp");
        assertEquals(1_700_000_600L, before.expiresAt());
        assertEquals(TokenPair.UNKNOWN, before.issuedAt());
        assertEquals(1_700_000_600L, after.expiresAt());
        assertEquals(TokenPair.UNKNOWN, after.issuedAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/", "!", "*", " ", "\u00e9"})
    void payloadWithCharactersOutsideBase64urlGivesNull(String bad) {
        String payload = URL.encodeToString("{\"exp\":1700000600}".getBytes(StandardCharsets.UTF_8));
        String token = HEADER + "." + payload.substring(0, 4) + bad + payload.substring(4) + "." + SIGNATURE;

        assertNull(JwtTimes.read(token));
    }

    @Test
    void standardBase64AlphabetIsNotAccepted() {
        // bytes chosen so that the standard encoding contains '+' and '/'
        String json = "{\"exp\":1700000600,\"x\":\"\u00fb\u00ff\u00bf\"}";
        String standard = Base64.getEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String urlSafe = URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));

        assertNotNull(JwtTimes.read(HEADER + "." + urlSafe + "." + SIGNATURE));
        if (!standard.equals(urlSafe)) {
            assertNull(JwtTimes.read(HEADER + "." + standard + "." + SIGNATURE));
        }
    }

    @Test
    void paddedPayloadIsRead() {
        // 18 bytes of JSON need no padding, 19 bytes need "==", 20 bytes need "="
        for (String json : new String[] {"{\"exp\":1700000600}", "{\"exp\":1700000600 }", "{\"exp\":1700000600  }"}) {
            String padded = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

            JwtTimes times = JwtTimes.read(HEADER + "." + padded + "." + SIGNATURE);

            assertNotNull(times, padded);
            assertEquals(1_700_000_600L, times.expiresAt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "eyJhbGciOiJub25lIn0", "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDA2MDB9"})
    void fewerThanTwoDotsGivesNull(String token) {
        assertNull(JwtTimes.read(token));
    }

    @Test
    void nullTokenGivesNull() {
        assertNull(JwtTimes.read(null));
    }

    @Test
    void emptyPayloadGivesNull() {
        assertNull(JwtTimes.read(HEADER + ".." + SIGNATURE));
        assertNull(JwtTimes.read(".." + SIGNATURE));
    }

    @Test
    void emptyHeaderGivesNull() {
        String payload = URL.encodeToString("{\"exp\":1700000600}".getBytes(StandardCharsets.UTF_8));
        assertNull(JwtTimes.read("." + payload + "." + SIGNATURE));
    }

    @Test
    void tokenWithoutSignatureIsStillRead() {
        String payload = URL.encodeToString("{\"exp\":1700000600}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1_700_000_600L, JwtTimes.read(HEADER + "." + payload + ".").expiresAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp=1700000600", "[{\"exp\":1700000600}]", "\"exp\":1700000600", "{\"exp\":1700000600",
            "{\"exp\":1700000600,}", "{\"exp\" 1700000600}", "{exp:1700000600}", "{\"exp\":1700000600}}",
            "{\"exp\":}", "{\"exp\":1700000600 \"sub\":\"a\"}", "{\"sub\":\"unterminated,\"exp\":1700000600}",
            "{\"exp\":1700000600.}", "{\"a\":tru"})
    void nonJsonPayloadGivesNull(String payload) {
        assertNull(JwtTimes.read(jwt(payload)));
    }

    @Test
    void binaryPayloadGivesNull() {
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '{', '"'};
        assertNull(JwtTimes.read(HEADER + "." + URL.encodeToString(bytes) + "." + SIGNATURE));
    }

    @Test
    void deeplyNestedClaimGivesNullWithoutOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertNull(JwtTimes.read(jwt("{\"a\":" + deep + ",\"exp\":1700000600}")));
    }

    @Test
    void tokenLongerThan16KiBIsNotInspected() {
        String atLimit = jwtOfLength(JwtTimes.MAX_TOKEN_LENGTH);
        String overLimit = jwtOfLength(JwtTimes.MAX_TOKEN_LENGTH + 1);
        assertEquals(JwtTimes.MAX_TOKEN_LENGTH, atLimit.length());
        assertEquals(JwtTimes.MAX_TOKEN_LENGTH + 1, overLimit.length());

        assertNotNull(JwtTimes.read(atLimit));
        assertNull(JwtTimes.read(overLimit));
    }

    /** A valid token of exactly {@code length} characters: the signature segment takes up the rest. */
    private static String jwtOfLength(int length) {
        String base = jwt("{\"exp\":1700000600}");
        return base + "A".repeat(length - base.length());
    }

    // ---- properties (seeded: -Dtestsupport.seed=N replays a reported failure) ----

    /** Characters of base64url, the dot, and a few that do not belong in a token. */
    private static final Gen<String> TOKEN_SHAPED = Gen.strings(Gen.charsFrom("AeyJzI09-_.=+/ \""), 0, 200);

    /** Text made mostly of JSON's structural characters, digits and the two names that matter. */
    private static final Gen<String> JSON_LIKE_TEXT = Gen.elements("{", "}", "[", "]", "\"", ":", ",", " ", "\\", "\"exp\"",
            "\"iat\"", "\"x\"", "1700000600", "-", ".", "5", "e", "E", "true", "null", "\"\\u0065\"")
            .list(0, 40).map(pieces -> String.join("", pieces));

    private static final Gen<Long> EPOCH_SECONDS = Gen.longs(1, JwtTimes.MAX_EPOCH_SECOND);
    private static final Gen<Integer> POSITIONS = Gen.ints(0, 12);

    /** Claims other than exp and iat: random names, random JSON values (as JSON text). */
    private static final Gen<List<Map.Entry<String, String>>> CLAIMS = Gen.combine(
            Gen.strings(Gen.chars(), 0, 12).filter(name -> !name.equals("exp") && !name.equals("iat")), jsonValues(3),
            Map::entry).list(0, 10);

    @Test
    void readNeverThrowsForAnyString() {
        Property.check(2000, sample -> assertValidOrNull(JwtTimes.read(sample.draw(Gen.strings()))));
    }

    @Test
    void readNeverThrowsForTokenShapedStrings() {
        Property.check(2000, sample -> assertValidOrNull(JwtTimes.read(sample.draw(TOKEN_SHAPED))));
    }

    @Test
    void readNeverThrowsForRandomPayloadBytes() {
        Property.check(1000, sample -> {
            byte[] payload = sample.draw(Gen.bytes(0, Gen.DEFAULT_MAX_SIZE));
            Base64.Encoder encoder = sample.draw(Gen.booleans()) ? Base64.getUrlEncoder() : URL;
            assertValidOrNull(JwtTimes.read(HEADER + "." + encoder.encodeToString(payload) + "." + SIGNATURE));
        });
    }

    @Test
    void readNeverThrowsForJsonLikePayloads() {
        Property.check(1000, sample -> assertValidOrNull(JwtTimes.read(jwt(sample.draw(JSON_LIKE_TEXT)))));
    }

    @Test
    void readsExactlyTheExpOfAnyClaimsObject() {
        Property.check(1000, sample -> {
            List<Map.Entry<String, String>> members = new ArrayList<>(sample.draw(CLAIMS));
            long exp = sample.draw(EPOCH_SECONDS);
            members.add(Math.min(sample.draw(POSITIONS), members.size()), Map.entry("exp", Long.toString(exp)));

            JwtTimes times = JwtTimes.read(jwt(object(members)));

            assertNotNull(times, () -> object(members));
            assertEquals(exp, times.expiresAt());
            assertEquals(TokenPair.UNKNOWN, times.issuedAt());
        });
    }

    @Test
    void readsExactlyTheExpAndIatOfAnyClaimsObject() {
        Property.check(1000, sample -> {
            List<Map.Entry<String, String>> members = new ArrayList<>(sample.draw(CLAIMS));
            long exp = sample.draw(EPOCH_SECONDS);
            long iat = sample.draw(EPOCH_SECONDS);
            members.add(Math.min(sample.draw(POSITIONS), members.size()), Map.entry("exp", Long.toString(exp)));
            members.add(Math.min(sample.draw(POSITIONS), members.size()), Map.entry("iat", Long.toString(iat)));

            JwtTimes times = JwtTimes.read(jwt(object(members)));

            assertNotNull(times, () -> object(members));
            assertEquals(exp, times.expiresAt());
            assertEquals(iat <= exp ? iat : TokenPair.UNKNOWN, times.issuedAt());
        });
    }

    private static void assertValidOrNull(JwtTimes times) {
        if (times != null) {
            assertValid(times);
        }
    }

    private static void assertValid(JwtTimes times) {
        if (times.expiresAt() <= 0 || times.expiresAt() > JwtTimes.MAX_EPOCH_SECOND) {
            throw new AssertionError("implausible exp " + times.expiresAt());
        }
        if (times.issuedAt() != TokenPair.UNKNOWN && (times.issuedAt() < 0 || times.issuedAt() > times.expiresAt())) {
            throw new AssertionError("implausible iat " + times.issuedAt());
        }
    }

    private static String object(List<Map.Entry<String, String>> members) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> member : members) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(member.getKey())).append(':').append(member.getValue());
        }
        return json.append('}').toString();
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static Gen<String> jsonValues(int depth) {
        Gen<String> scalars = Gen.oneOf(
                Gen.strings(Gen.chars(), 0, 30).map(JwtTimesTest::quote),
                Gen.longs().map(String::valueOf),
                Gen.doubles().map(String::valueOf).filter(text -> !text.contains("N") && !text.contains("I")),
                Gen.elements("true", "false", "null"));
        if (depth == 0) {
            return scalars;
        }
        Gen<String> nested = jsonValues(depth - 1);
        Gen<String> arrays = nested.list(0, 4).map(items -> "[" + String.join(",", items) + "]");
        Gen<String> objects = Gen.combine(Gen.strings(Gen.chars(), 0, 6), nested, (name, value) -> quote(name) + ":" + value)
                .list(0, 4).map(items -> "{" + String.join(",", items) + "}");
        return Gen.frequency(List.of(Map.entry(6, scalars), Map.entry(1, arrays), Map.entry(1, objects)));
    }
}
