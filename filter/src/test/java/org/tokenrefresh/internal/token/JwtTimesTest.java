package org.tokenrefresh.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenrefresh.internal.json.JsonReader;
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

    /** Claims and the times read from them ({@link TokenPair#UNKNOWN}: no plausible iat). */
    static Stream<Arguments> claimsAndTheirTimes() {
        return Stream.of(
                arguments("reads exp and iat of a valid JWT", "{\"sub\":\"alice\",\"iat\":1700000000,\"exp\":1700000600}", 1_700_000_600L, 1_700_000_000L),
                arguments("reads exp without iat and reports iat unknown", "{\"sub\":\"alice\",\"exp\":1700000600}", 1_700_000_600L, TokenPair.UNKNOWN),
                arguments("reads a token issued by the mock backend", "{\"sub\":\"demo\",\"iss\":\"mock-auth\",\"iat\":1800000000,\"exp\":1800000060,"
                        + "\"jti\":\"x-_y\",\"fam\":\"abc\"}", 1_800_000_060L, 1_800_000_000L),
                arguments("fractional exp is truncated", "{\"exp\":1700000600.987,\"iat\":1700000000.5}", 1_700_000_600L, 1_700_000_000L),
                arguments("exp nested inside an object claim is ignored",
                        "{\"ctx\":{\"exp\":1,\"iat\":1,\"deep\":{\"exp\":2}},\"exp\":1700000600,\"list\":[{\"exp\":3}]}", 1_700_000_600L, TokenPair.UNKNOWN),
                arguments("whitespace around members is allowed", " {\n  \"iat\" : 1700000000 ,\r\n\t\"exp\" :\t1700000600\n}\n", 1_700_000_600L, 1_700_000_000L),
                arguments("iat later than exp is reported unknown", "{\"iat\":1700000601,\"exp\":1700000600}", 1_700_000_600L, TokenPair.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claimsAndTheirTimes")
    void readsTheTimesOfTheClaims(String behaviour, String claims, long expiresAt, long issuedAt) {
        assertTimes(JwtTimes.read(jwt(claims)), expiresAt, issuedAt, behaviour);
    }

    private static void assertTimes(JwtTimes times, long expiresAt, long issuedAt, String what) {
        assertNotNull(times, what);
        assertEquals(expiresAt, times.expiresAt(), what);
        assertEquals(issuedAt, times.issuedAt(), what);
    }

    @Test
    void stopsReadingOnceExpAndIatAreKnown() {
        // Keycloak puts exp and iat first; what follows is not decoded (here it is not even JSON)
        String token = HEADER + "." + URL.encodeToString("{\"exp\":1700000600,\"iat\":1700000000,\"jti\":".getBytes(StandardCharsets.UTF_8))
                + "!!!not-base64!!!." + SIGNATURE;

        assertTimes(JwtTimes.read(token), 1_700_000_600L, 1_700_000_000L, token);
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
    void duplicatedExpGivesOneOfItsValues() {
        // RFC 7519 section 4 forbids duplicate claim names; the reader stops at the first top-level exp it proves,
        // near the start or near the end, and does not look for another (a shortcut: only the time of a refresh
        // can depend on which one it takes)
        assertEquals(1_700_000_600L, JwtTimes.read(jwt("{\"exp\":1700000600,\"sub\":\"a\",\"exp\":1700000600}")).expiresAt());
        long either = JwtTimes.read(jwt("{\"exp\":1700000600,\"exp\":1900000000}")).expiresAt();
        assertTrue(either == 1_700_000_600L || either == 1_900_000_000L, Long.toString(either));
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
    void aNameWrittenWithEscapesIsNotRecognised() {
        // no issuer escapes a plain ASCII name; the reader matches names byte for byte, as before
        assertNull(JwtTimes.read(jwt("{\"\\u0065xp\":1700000600}")));
        assertEquals(1_700_000_600L, JwtTimes.read(jwt("{\"\\u0065xp\":1,\"exp\":1700000600}")).expiresAt());
    }

    @Test
    void paddingInsideThePayloadIsNotBase64url() {
        String payload = URL.encodeToString("{\"exp\":1700000600}".getBytes(StandardCharsets.UTF_8));

        assertNull(JwtTimes.read(HEADER + "." + payload.substring(0, 8) + "=" + payload.substring(9) + "." + SIGNATURE));
    }

    @Test
    void keyThatOnlyStartsWithExpIsNotExp() {
        assertNull(JwtTimes.read(jwt("{\"expires\":1700000600,\"ex\":1700000600}")));
        assertEquals(1_700_000_600L, JwtTimes.read(jwt("{\"expires\":1,\"exp\":1700000600}")).expiresAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1700000000\"", "null", "-5", "true", "{\"a\":1}", "[1,2]", "1.7e9"})
    void implausibleIatIsIgnoredAndExpIsStillRead(String iat) {
        JwtTimes before = JwtTimes.read(jwt("{\"iat\":" + iat + ",\"exp\":1700000600}"));
        JwtTimes after = JwtTimes.read(jwt("{\"exp\":1700000600,\"iat\":" + iat + "}"));

        assertTimes(before, 1_700_000_600L, TokenPair.UNKNOWN, "iat " + iat + " before exp");
        assertTimes(after, 1_700_000_600L, TokenPair.UNKNOWN, "iat " + iat + " after exp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/", "!", "*", " ", "\u00e9"})
    void payloadWithCharactersOutsideBase64urlGivesNull(String bad) {
        String payload = URL.encodeToString("{\"exp\":1700000600}".getBytes(StandardCharsets.UTF_8));
        String token = HEADER + "." + payload.substring(0, 4) + bad + payload.substring(4) + "." + SIGNATURE;

        assertNull(JwtTimes.read(token));
    }

    @Test
    void standardBase64AlphabetWhereExpIsReadIsNotAccepted() {
        // bytes chosen so that the standard encoding contains '+' and '/', in the structure before exp that the
        // reader follows to prove exp top-level
        String json = "{\"x\":\"\u00fb\u00ff\u00bf\u00fb\u00ff\u00bf\",\"exp\":1700000600,\"padding\":\"" + "p".repeat(60) + "\"}";
        String standard = Base64.getEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String urlSafe = URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(standard.contains("+") || standard.contains("/"), standard);

        assertEquals(1_700_000_600L, JwtTimes.read(HEADER + "." + urlSafe + "." + SIGNATURE).expiresAt());
        assertNull(JwtTimes.read(HEADER + "." + standard + "." + SIGNATURE));
    }

    @Test
    void charactersOutsideBase64urlWhereNothingIsReadAreNotSeen() {
        // a shortcut: only the quanta that hold exp and the structure on its shorter side are decoded
        String payload = URL.encodeToString("{\"exp\":1700000600,\"x\":\"abcdefghijklmnopqrstuvwxyz\"}".getBytes(StandardCharsets.UTF_8));
        String broken = payload.substring(0, payload.length() - 12) + "+/+/" + payload.substring(payload.length() - 8);

        assertEquals(1_700_000_600L, JwtTimes.read(HEADER + "." + broken + "." + SIGNATURE).expiresAt());
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
            "{\"exp\" 1700000600}", "{exp:1700000600}", "{\"exp\":}", "{\"exp\":1700000600 \"sub\":\"a\"}",
            "{\"exp\":1700000600.}", "{\"a\":tru", "{\"exp\":17x}", "[\"exp\",1700000600]", "{\"a\":\"exp\"}",
            "{\"a\":[\"b\",\"exp\"]}", "{\"a\":{\"exp\":1700000600}", "{}{\"exp\":1700000600}", "{\"a\":1}}{\"exp\":1700000600}"})
    void nonJsonPayloadGivesNull(String payload) {
        assertNull(JwtTimes.read(jwt(payload)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"exp\":1700000600,}", "{\"exp\":1700000600}}", "{\"sub\":\"unterminated,\"exp\":1700000600}",
            "{\"a\":tru,\"exp\":1700000600}"})
    void malformedJsonThatTheReaderDoesNotFollowIsNotNoticed(String payload) {
        // a shortcut: brackets, strings and escapes are followed on one side of exp, nothing else is checked
        assertEquals(1_700_000_600L, JwtTimes.read(jwt(payload)).expiresAt());
    }

    @Test
    void binaryPayloadGivesNull() {
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '{', '"'};
        assertNull(JwtTimes.read(HEADER + "." + URL.encodeToString(bytes) + "." + SIGNATURE));
    }

    @Test
    void deeplyNestedClaimsAreFollowedWithoutOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String deepObject = "{\"exp\":1,\"a\":".repeat(300) + "1" + "}".repeat(300);

        assertEquals(1_700_000_600L, JwtTimes.read(jwt("{\"a\":" + deep + ",\"exp\":1700000600}")).expiresAt());
        assertEquals(1_700_000_600L, JwtTimes.read(jwt("{\"exp\":1700000600,\"a\":" + deep + "}")).expiresAt());
        assertEquals(1_700_000_600L, JwtTimes.read(jwt("{\"a\":" + deepObject + ",\"exp\":1700000600,\"b\":" + deepObject + "}")).expiresAt());
        assertNull(JwtTimes.read(jwt("{\"a\":" + deepObject + "}")));
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

    // ---- the in-place reader: every position, nesting, escapes, whitespace, unicode, numbers, duplicates ----

    /** JSON whitespace between tokens: mostly none (as issuers write), sometimes any mix (pretty-printed). */
    private static final Gen<String> SPACE = Gen.frequency(List.of(
            Map.entry(5, Gen.constant("")),
            Map.entry(1, Gen.strings(Gen.charsFrom(" \t\r\n"), 1, 3))));

    /** Member names that look like exp or iat without being them, and names that contain them. */
    private static final Gen<String> TRICKY_NAMES = Gen.elements("expires", "ex", "exp ", " exp", "Exp", "EXP", "xexp", "exp\"",
            "\"exp", "\"exp\":", "exp\\", "\u00e9xp", "iat\"", "\"iat\":1,", "nbf", "auth_time");

    /** Other claims: tricky and random names (any UTF-16 character), with nested values that may hold exp and iat. */
    private static final Gen<List<Map.Entry<String, String>>> OTHER_CLAIMS = otherClaims(true);
    /** The same without a nested exp. */
    private static final Gen<List<Map.Entry<String, String>>> OTHER_CLAIMS_NO_NESTED_EXP = otherClaims(false);

    private static Gen<List<Map.Entry<String, String>>> otherClaims(boolean nestedExp) {
        return Gen.combine(
                Gen.oneOf(TRICKY_NAMES, Gen.strings(Gen.chars(), 0, 12)).filter(name -> !name.equals("exp") && !name.equals("iat")),
                jsonValuesWithTimes(3, nestedExp), Map::entry).list(0, 12);
    }

    /** A time as JSON text: the epoch second, sometimes with a fraction (which is truncated). */
    private static final Gen<String> TIME_TEXT = Gen.oneOf(
            EPOCH_SECONDS.map(String::valueOf),
            Gen.combine(EPOCH_SECONDS, Gen.ints(0, 999_999), (second, fraction) -> second + "." + fraction));

    /** Values a top-level exp may have that are not a time: the token's expiry is then unknown. */
    private static final Gen<String> NOT_A_TIME = Gen.elements("1.7e9", "17E8", "1700000600e0", "-1700000600", "-0", "\"1700000600\"",
            "null", "true", "false", "{\"exp\":1700000600}", "[1700000600]", "1700000600.", ".5", "1234567890123456", "+1700000600");

    /** A claims object with exp (and iat) placed among other claims. */
    private record Claims(String json, long exp, long iat, int expMemberEnd) {
        /** The token's base64url payload truncated to {@code chars} characters. */
        String truncatedToken(int chars) {
            String payload = UnsignedJwt.encode(json);
            return HEADER + "." + payload.substring(0, Math.min(chars, payload.length())) + "." + SIGNATURE;
        }
    }

    /** Builds the object from its members, with whitespace around every token; records where exp's member ends. */
    private static Claims claims(Property.Sample sample, List<Map.Entry<String, String>> members, int expIndex, long exp, long iat) {
        StringBuilder json = new StringBuilder(sample.draw(SPACE)).append('{');
        int expEnd = -1;
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                json.append(sample.draw(SPACE)).append(',');
            }
            json.append(sample.draw(SPACE)).append(JsonReader.quote(members.get(i).getKey())).append(sample.draw(SPACE)).append(':')
                    .append(sample.draw(SPACE)).append(members.get(i).getValue());
            if (i == expIndex) {
                expEnd = json.length();
            }
        }
        json.append(sample.draw(SPACE)).append('}').append(sample.draw(SPACE));
        if (expEnd < 0) {
            return new Claims(json.toString(), exp, iat, -1);
        }
        while (" \t\r\n".indexOf(json.charAt(expEnd)) >= 0) {
            expEnd++;
        }
        return new Claims(json.toString(), exp, iat, json.substring(0, expEnd).getBytes(StandardCharsets.UTF_8).length);
    }

    /** Draws other claims and places a top-level exp (and, when asked, iat) among them, anywhere. */
    private static Claims drawClaims(Property.Sample sample, boolean withIat) {
        return drawClaims(sample, withIat, OTHER_CLAIMS);
    }

    private static Claims drawClaims(Property.Sample sample, boolean withIat, Gen<List<Map.Entry<String, String>>> others) {
        List<Map.Entry<String, String>> members = new ArrayList<>(sample.draw(others));
        String expText = sample.draw(TIME_TEXT);
        long exp = Long.parseLong(expText.replaceAll("\\..*", ""));
        int expAt = Math.min(sample.draw(Gen.ints(0, 12)), members.size());
        members.add(expAt, Map.entry("exp", expText));
        long iat = TokenPair.UNKNOWN;
        if (withIat) {
            String iatText = sample.draw(TIME_TEXT);
            iat = Long.parseLong(iatText.replaceAll("\\..*", ""));
            int iatAt = Math.min(sample.draw(Gen.ints(0, 13)), members.size());
            members.add(iatAt, Map.entry("iat", iatText));
            if (iatAt <= expAt) {
                expAt++;
            }
        }
        return claims(sample, members, expAt, exp, iat);
    }

    @Test
    void readsTheTopLevelExpAndIatWhereverTheyAreAndWhateverSurroundsThem() {
        Property.check(3000, sample -> {
            Claims claims = drawClaims(sample, sample.draw(Gen.booleans()));

            JwtTimes times = JwtTimes.read(jwt(claims.json()));

            assertNotNull(times, claims::json);
            assertEquals(claims.exp(), times.expiresAt(), claims::json);
            assertEquals(claims.iat() <= claims.exp() ? claims.iat() : TokenPair.UNKNOWN, times.issuedAt(), claims::json);
        });
    }

    @Test
    void theGeneratedClaimsAreJsonAndTheStrictReaderAgrees() throws Exception {
        // the generator itself, checked against the library's strict JSON reader (RFC 8259)
        Property.check(500, sample -> {
            Claims claims = drawClaims(sample, true);

            Map<String, Object> parsed = JsonReader.readObject(claims.json());

            assertTime(claims.exp(), parsed.get("exp"), claims.json());
            assertTime(claims.iat(), parsed.get("iat"), claims.json());
        });
    }

    /** Other claims with these members placed among them, anywhere, as JSON text. */
    @SafeVarargs
    private static String othersWith(Property.Sample sample, Map.Entry<String, String>... placed) {
        List<Map.Entry<String, String>> members = new ArrayList<>(sample.draw(OTHER_CLAIMS));
        for (Map.Entry<String, String> member : placed) {
            members.add(Math.min(sample.draw(Gen.ints(0, 13)), members.size()), member);
        }
        return claims(sample, members, -1, 0, 0).json();
    }

    /** A whole second read as a Long, or as a Double (a fraction; the nearest double may round up). */
    private static void assertTime(long expected, Object parsed, String json) {
        if (parsed instanceof Long) {
            assertEquals(expected, (long) (Long) parsed, json);
        } else {
            double value = (Double) parsed;
            assertTrue(value >= expected && value <= expected + 1, json);
        }
    }

    @Test
    void aTopLevelExpThatIsNotATimeMakesTheExpiryUnknownWhateverIsNestedElsewhere() {
        Property.check(1000, sample -> {
            String json = othersWith(sample, Map.entry("exp", sample.draw(NOT_A_TIME)));

            assertNull(JwtTimes.read(jwt(json)), json);
        });
    }

    @Test
    void withoutATopLevelExpTheExpiryIsUnknownEvenWithNestedOnes() {
        Property.check(1000, sample -> {
            String json = othersWith(sample, Map.entry(sample.draw(TRICKY_NAMES), "{\"exp\":" + sample.draw(EPOCH_SECONDS) + "}"));

            assertNull(JwtTimes.read(jwt(json)), json);
        });
    }

    @Test
    void duplicatedTopLevelExpGivesOneOfItsValues() {
        Property.check(1000, sample -> {
            long first = sample.draw(EPOCH_SECONDS);
            long second = sample.draw(EPOCH_SECONDS);
            String json = othersWith(sample, Map.entry("exp", Long.toString(first)), Map.entry("exp", Long.toString(second)));

            JwtTimes times = JwtTimes.read(jwt(json));

            assertNotNull(times, json);
            assertTrue(times.expiresAt() == first || times.expiresAt() == second, json);
        });
    }

    @Test
    void aTruncatedPayloadGivesExpExactlyWhenItsWholeMemberIsLeft() {
        // without nested exp members: a cut right after a nested object could make it look like the end of the
        // payload, and its exp top-level (a truncated token is not valid; its verifier rejects it)
        Property.check(2000, sample -> {
            Claims claims = drawClaims(sample, false, OTHER_CLAIMS_NO_NESTED_EXP);
            int payloadLength = UnsignedJwt.encode(claims.json()).length();
            int kept = sample.draw(Gen.ints(0, payloadLength));
            int keptBytes = kept / 4 * 3 + Math.max(kept % 4 - 1, 0);

            JwtTimes times = JwtTimes.read(claims.truncatedToken(kept));

            if (keptBytes > claims.expMemberEnd()) {
                assertNotNull(times, () -> claims.json() + " cut after " + kept + " characters");
                assertEquals(claims.exp(), times.expiresAt(), claims::json);
            } else {
                assertNull(times, () -> claims.json() + " cut after " + kept + " characters");
            }
        });
    }

    /**
     * Characters that are not base64url: not a dot (it would change the token's segments), not {@code '='} (at the
     * end it is padding, so it cuts the payload short; see the truncation property).
     */
    private static final Gen<Character> NOT_BASE64URL = Gen.oneOf(Gen.charsFrom("+/!*\" \\;,\u00e9\u20ac\u0000"),
            Gen.chars().filter(c -> c != '.' && c != '=' && !(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_'));

    @Test
    void aBrokenCharacterNeverMakesUpATime() {
        // whatever the broken character hits, the result is the token's own exp (it was not read there) or unknown
        Property.check(2000, sample -> {
            Claims claims = drawClaims(sample, true);
            String payload = UnsignedJwt.encode(claims.json());
            int at = sample.draw(Gen.ints(0, payload.length() - 1));
            String broken = payload.substring(0, at) + sample.draw(NOT_BASE64URL) + payload.substring(at + 1);

            JwtTimes times = JwtTimes.read(HEADER + "." + broken + "." + SIGNATURE);

            if (times != null) {
                assertEquals(claims.exp(), times.expiresAt(), claims::json);
                long iat = claims.iat() <= claims.exp() ? claims.iat() : TokenPair.UNKNOWN;
                assertTrue(times.issuedAt() == iat || times.issuedAt() == TokenPair.UNKNOWN, claims::json);
            }
        });
    }

    @Test
    void theTimesAreReadInPlaceFromAnyRangeOfALargerText() {
        Property.check(1000, sample -> {
            Claims claims = drawClaims(sample, true);
            String token = jwt(claims.json());
            String before = sample.draw(Gen.strings(Gen.charsFrom("ab.=;{}\"eyJ"), 0, 20));
            String after = sample.draw(Gen.strings(Gen.charsFrom("ab.=;{}\"eyJ"), 0, 20));
            String text = before + token + after;
            long exp = JwtTimes.expiresAt(text, before.length(), before.length() + token.length());

            assertEquals(claims.exp(), exp, claims::json);
            assertEquals(JwtTimes.read(token).issuedAt(), JwtTimes.issuedAt(text, before.length(), before.length() + token.length(), exp));
        });
    }

    /** JSON values whose objects may hold members named exp (when asked) and iat, and strings that spell them out. */
    private static Gen<String> jsonValuesWithTimes(int depth, boolean nestedExp) {
        Gen<String> scalars = Gen.oneOf(
                Gen.strings(Gen.chars(), 0, 30).map(JsonReader::quote),
                Gen.elements("\"\\\"exp\\\":1,{[\"", "\"exp\"", "\"\\u0022exp\\u0022:1\"", "\"\\\\\"", "\"iat\"", "\"\u20ac\"",
                        "\"\ud83d\ude00\""),
                Gen.longs().map(String::valueOf),
                Gen.doubles().map(String::valueOf).filter(text -> !text.contains("N") && !text.contains("I")),
                Gen.elements("1e9", "-1.5E-3", "0.0", "-0", "true", "false", "null"));
        if (depth == 0) {
            return scalars;
        }
        Gen<String> nested = jsonValuesWithTimes(depth - 1, nestedExp);
        Gen<String> names = Gen.oneOf(nestedExp ? Gen.elements("exp", "iat") : Gen.constant("iat"), TRICKY_NAMES,
                Gen.strings(Gen.chars(), 0, 6).filter(name -> nestedExp || !name.equals("exp")));
        Gen<String> arrays = Gen.combine(SPACE, nested, (space, item) -> space + item + space).list(0, 4)
                .map(items -> "[" + String.join(",", items) + "]");
        Gen<String> objects = Gen.combine(names, nested, (name, value) -> JsonReader.quote(name) + ":" + value).list(0, 4)
                .map(items -> "{" + String.join(",", items) + "}");
        return Gen.frequency(List.of(Map.entry(6, scalars), Map.entry(1, arrays), Map.entry(2, objects)));
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
            json.append(JsonReader.quote(member.getKey())).append(':').append(member.getValue());
        }
        return json.append('}').toString();
    }

    private static Gen<String> jsonValues(int depth) {
        Gen<String> scalars = Gen.oneOf(
                Gen.strings(Gen.chars(), 0, 30).map(JsonReader::quote),
                Gen.longs().map(String::valueOf),
                Gen.doubles().map(String::valueOf).filter(text -> !text.contains("N") && !text.contains("I")),
                Gen.elements("true", "false", "null"));
        if (depth == 0) {
            return scalars;
        }
        Gen<String> nested = jsonValues(depth - 1);
        Gen<String> arrays = nested.list(0, 4).map(items -> "[" + String.join(",", items) + "]");
        Gen<String> objects = Gen.combine(Gen.strings(Gen.chars(), 0, 6), nested, (name, value) -> JsonReader.quote(name) + ":" + value)
                .list(0, 4).map(items -> "{" + String.join(",", items) + "}");
        return Gen.frequency(List.of(Map.entry(6, scalars), Map.entry(1, arrays), Map.entry(1, objects)));
    }
}
