package org.tokenrefresh.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenrefresh.spi.TokenPair;

class JwtTimesTest {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final String SIGNATURE = "c2lnbmF0dXJl";

    static String jwt(String payloadJson) {
        return HEADER + "." + URL.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + "." + SIGNATURE;
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

    // ---- properties ----

    @Property(tries = 2000)
    void readNeverThrowsForAnyString(@ForAll String anything) {
        JwtTimes times = JwtTimes.read(anything);
        if (times != null) {
            assertValid(times);
        }
    }

    @Property(tries = 2000)
    void readNeverThrowsForTokenShapedStrings(@ForAll("tokenShaped") String token) {
        JwtTimes times = JwtTimes.read(token);
        if (times != null) {
            assertValid(times);
        }
    }

    @Property(tries = 1000)
    void readNeverThrowsForRandomPayloadBytes(@ForAll byte[] payload, @ForAll boolean padded) {
        Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : URL;
        JwtTimes times = JwtTimes.read(HEADER + "." + encoder.encodeToString(payload) + "." + SIGNATURE);
        if (times != null) {
            assertValid(times);
        }
    }

    @Property(tries = 1000)
    void readNeverThrowsForJsonLikePayloads(@ForAll("jsonLikeText") String json) {
        JwtTimes times = JwtTimes.read(jwt(json));
        if (times != null) {
            assertValid(times);
        }
    }

    @Property(tries = 1000)
    void readsExactlyTheExpOfAnyClaimsObject(@ForAll("claims") List<Map.Entry<String, String>> otherClaims,
            @ForAll @LongRange(min = 1, max = JwtTimes.MAX_EPOCH_SECOND) long exp,
            @ForAll("positions") int expPosition) {
        List<Map.Entry<String, String>> members = new ArrayList<>(otherClaims);
        members.add(Math.min(expPosition, members.size()), Map.entry("exp", Long.toString(exp)));

        JwtTimes times = JwtTimes.read(jwt(object(members)));

        assertNotNull(times, () -> object(members));
        assertEquals(exp, times.expiresAt());
        assertEquals(TokenPair.UNKNOWN, times.issuedAt());
    }

    @Property(tries = 1000)
    void readsExactlyTheExpAndIatOfAnyClaimsObject(@ForAll("claims") List<Map.Entry<String, String>> otherClaims,
            @ForAll @LongRange(min = 1, max = JwtTimes.MAX_EPOCH_SECOND) long exp,
            @ForAll @LongRange(min = 1, max = JwtTimes.MAX_EPOCH_SECOND) long iat,
            @ForAll("positions") int expPosition, @ForAll("positions") int iatPosition) {
        List<Map.Entry<String, String>> members = new ArrayList<>(otherClaims);
        members.add(Math.min(expPosition, members.size()), Map.entry("exp", Long.toString(exp)));
        members.add(Math.min(iatPosition, members.size()), Map.entry("iat", Long.toString(iat)));

        JwtTimes times = JwtTimes.read(jwt(object(members)));

        assertNotNull(times, () -> object(members));
        assertEquals(exp, times.expiresAt());
        assertEquals(iat <= exp ? iat : TokenPair.UNKNOWN, times.issuedAt());
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

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 12);
    }

    /** Claims other than exp and iat: random names, random JSON values (as JSON text). */
    @Provide
    Arbitrary<List<Map.Entry<String, String>>> claims() {
        Arbitrary<String> names = Arbitraries.strings().ofMaxLength(12)
                .filter(name -> !name.equals("exp") && !name.equals("iat"));
        return Combinators.combine(names, jsonValues(3)).as(Map::entry).list().ofMaxSize(10);
    }

    private static Arbitrary<String> jsonValues(int depth) {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(JwtTimesTest::quote),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(text -> !text.contains("N") && !text.contains("I")),
                Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<String> nested = jsonValues(depth - 1);
        Arbitrary<String> arrays = nested.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> objects = Combinators.combine(Arbitraries.strings().ofMaxLength(6), nested)
                .as((name, value) -> quote(name) + ":" + value)
                .list().ofMaxSize(4).map(items -> "{" + String.join(",", items) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalars), net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(1, objects));
    }

    @Provide
    Arbitrary<String> tokenShaped() {
        Arbitrary<Character> chars = Arbitraries.of(
                'A', 'e', 'y', 'J', 'z', 'I', '0', '9', '-', '_', '.', '=', '+', '/', ' ', '"');
        return chars.list().ofMaxSize(200).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
    }

    /** Text made mostly of JSON's structural characters, digits and the two names that matter. */
    @Provide
    Arbitrary<String> jsonLikeText() {
        Arbitrary<String> pieces = Arbitraries.of("{", "}", "[", "]", "\"", ":", ",", " ", "\\", "\"exp\"", "\"iat\"",
                "\"x\"", "1700000600", "-", ".", "5", "e", "E", "true", "null", "\"\\u0065\"");
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }
}
