package org.tokenrefresh.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenrefresh.internal.json.JsonReader.MalformedJsonException;
import org.tokenrefresh.internal.json.JsonReader.MalformedJsonException;
import org.tokenrefresh.testsupport.Gen;
import org.tokenrefresh.testsupport.Property;

class JsonReaderTest {

    private static Object member(String json) throws MalformedJsonException {
        return JsonReader.readObject("{\"v\":" + json + "}").get("v");
    }

    private static MalformedJsonException malformed(String json) {
        return assertThrows(MalformedJsonException.class, () -> JsonReader.readObject(json));
    }

    // ---- valid documents ----

    @Test
    void readsARefreshAnswer() throws Exception {
        Map<String, Object> answer = JsonReader.readObject(
                "{\"accessToken\":\"eyJ.a.b\",\"refreshToken\":\"r-1\",\"expiresIn\":300,"
                        + "\"user\":{\"username\":\"demo\",\"roles\":[\"a\",\"b\"]},\"admin\":false,\"x\":null}");

        assertEquals("eyJ.a.b", answer.get("accessToken"));
        assertEquals("r-1", answer.get("refreshToken"));
        assertEquals(300L, answer.get("expiresIn"));
        assertEquals(Map.of("username", "demo", "roles", List.of("a", "b")), answer.get("user"));
        assertEquals(Boolean.FALSE, answer.get("admin"));
        assertTrue(answer.containsKey("x"));
        assertNull(answer.get("x"));
        assertEquals(List.of("accessToken", "refreshToken", "expiresIn", "user", "admin", "x"), List.copyOf(answer.keySet()));
    }

    @Test
    void readsEmptyObjectsAndArrays() throws Exception {
        assertEquals(Map.of(), JsonReader.readObject("{}"));
        assertEquals(Map.of("a", List.of(), "b", Map.of()), JsonReader.readObject("{\"a\":[],\"b\":{}}"));
    }

    @Test
    void allowsWhitespaceBetweenTokens() throws Exception {
        Map<String, Object> answer = JsonReader.readObject(" \r\n\t{ \"a\" :\n[ 1 ,\t2 ] , \"b\" : true }\n ");

        assertEquals(List.of(1L, 2L), answer.get("a"));
        assertEquals(Boolean.TRUE, answer.get("b"));
    }

    @Test
    void decodesEveryEscape() throws Exception {
        assertEquals("\" \\ / \b \f \n \r \t \u00e9 \ud83d\ude00",
                member("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00\""));
        assertEquals("\u00c9", member("\"\\u00C9\""));
    }

    @Test
    void keepsNonAsciiCharactersAsTheyAre() throws Exception {
        assertEquals("gr\u00fc\u00df \u20ac \ud83d\ude00", member("\"gr\u00fc\u00df \u20ac \ud83d\ude00\""));
    }

    @Test
    void integersAreLongs() throws Exception {
        assertEquals(0L, member("0"));
        assertEquals(-12L, member("-12"));
        assertEquals(1_700_000_000L, member("1700000000"));
        assertEquals(Long.MAX_VALUE / 10, member(String.valueOf(Long.MAX_VALUE / 10)));
    }

    @Test
    void fractionsExponentsAndHugeIntegersAreDoubles() throws Exception {
        assertEquals(1.5, member("1.5"));
        assertEquals(-0.25, member("-0.25"));
        assertEquals(1000.0, member("1e3"));
        assertEquals(1000.0, member("1E+3"));
        assertEquals(0.001, member("1e-3"));
        assertEquals(1.2345678901234567e19, member("12345678901234567890"));
    }

    @Test
    void nestingUpToTheLimitIsRead() throws Exception {
        String json = "{\"a\":".repeat(JsonReader.MAX_DEPTH - 1) + "{}" + "}".repeat(JsonReader.MAX_DEPTH - 1);

        Map<String, Object> object = JsonReader.readObject(json);

        int depth = 1;
        Object inner = object.get("a");
        while (inner instanceof Map && !((Map<?, ?>) inner).isEmpty()) {
            inner = ((Map<?, ?>) inner).get("a");
            depth++;
        }
        assertEquals(JsonReader.MAX_DEPTH, depth + 1);
    }

    // ---- malformed documents ----

    @Test
    void nestingBeyondTheLimitIsRejected() {
        String objects = "{\"a\":".repeat(JsonReader.MAX_DEPTH) + "{}" + "}".repeat(JsonReader.MAX_DEPTH);
        String arrays = "{\"a\":" + "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH) + "}";

        assertTrue(malformed(objects).getMessage().contains("nested too deeply"));
        assertTrue(malformed(arrays).getMessage().contains("nested too deeply"));
    }

    @Test
    void hugeNestingIsRejectedWithoutStackOverflow() {
        int levels = 200_000;
        String json = "{\"a\":" + "[".repeat(levels) + "]".repeat(levels) + "}";

        assertTrue(malformed(json).getMessage().contains("nested too deeply"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\x\"", "\"\\a\"", "\"\\'\"", "\"\\u12\"", "\"\\u12\"}", "\"\\uZZZZ\"", "\"\\u+123\"",
            "\"\\u-123\"", "\"\\u 123\"", "\"\\U00e9\"", "\"\\u\uff10\uff10e9\"", "\"\\", "\"abc\\\""})
    void badEscapesAreRejected(String value) {
        malformed("{\"v\":" + value + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\r", "\t", "\u001f"})
    void rawControlCharactersInStringsAreRejected(String control) {
        malformed("{\"v\":\"a" + control + "b\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1},", "{\"a\":1}}", "{\"a\":1}\u0000"})
    void trailingGarbageIsRejected(String json) {
        assertTrue(malformed(json).getMessage().contains("after the JSON object"));
    }

    @Test
    void htmlErrorPageIsRejected() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                + "</center><hr><center>nginx</center></body></html>\n";

        assertTrue(malformed(page).getMessage().contains("expected a JSON object"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t"})
    void emptyDocumentIsRejected(String json) {
        malformed(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"a\":1}]", "\"text\"", "42", "true", "null"})
    void documentThatIsNotAnObjectIsRejected(String json) {
        assertTrue(malformed(json).getMessage().contains("expected a JSON object"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "--1", "+1", ".5", "1.2.3", "1e", "1e+", "1-2", "1e400", "-1e400", "NaN", "Infinity",
            "-Infinity", "0x10", "1.5e3.2"})
    void malformedNumbersAreRejected(String number) {
        malformed("{\"v\":" + number + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}",
            "{a:1}", "{'a':1}", "{\"a\":tru}", "{\"a\":True}", "{\"a\":nul}", "{\"a\":[1,]}", "{\"a\":[1 2]}",
            "{\"a\":[}", "{\"a\":\"unterminated}", "{\"a\":undefined}", "{\"a\":1;\"b\":2}"})
    void malformedStructureIsRejected(String json) {
        malformed(json);
    }

    @Test
    void errorMessageNamesThePositionButNeverTheContent() {
        MalformedJsonException e = malformed("{\"accessToken\":\"secret-token-value\" junk}");

        assertTrue(e.getMessage().contains("at character"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token-value"), e.getMessage());
        assertFalse(e.getMessage().contains("junk"), e.getMessage());
    }

    // ---- quote ----

    @Test
    void quoteEscapesQuotesBackslashesAndControls() {
        assertEquals("\"a\\\"b\\\\c\\u000a\\u0000d\"", JsonReader.quote("a\"b\\c\n\u0000d"));
        assertEquals("\"r-1_x.y\"", JsonReader.quote("r-1_x.y"));
    }

    // ---- properties (seeded: -Dtestsupport.seed=N replays a reported failure) ----

    /** Text made mostly of JSON's structural characters, escapes, digits and literals. */
    private static final Gen<String> JSON_LIKE_TEXT = Gen.elements("{", "}", "[", "]", "\"", ":", ",", " ", "\\", "\\u",
            "00e9", "\"k\"", "1", "-", ".", "e", "E", "+", "0", "true", "false", "null", "tru", "\n", "\u0001", "x")
            .list(0, 60).map(pieces -> String.join("", pieces));

    private static final Gen<Map<String, String>> MEMBERS = Gen.maps(Gen.strings(Gen.chars(), 0, 10),
            Gen.strings(Gen.chars(), 0, 40), 8);

    @Test
    void anyStringEitherParsesOrIsMalformed() {
        Property.check(3000, sample -> parseOrMalformed(sample.draw(Gen.strings())));
    }

    @Test
    void anyJsonLikeTextEitherParsesOrIsMalformed() {
        Property.check(3000, sample -> parseOrMalformed(sample.draw(JSON_LIKE_TEXT)));
    }

    @Test
    void quotedStringsReadBackExactly() {
        Property.check(1000, sample -> {
            String value = sample.draw(Gen.strings());
            assertEquals(value, member(JsonReader.quote(value)));
        });
    }

    @Test
    void objectsOfQuotedMembersReadBackExactly() {
        Property.check(500, sample -> {
            Map<String, String> members = sample.draw(MEMBERS);
            StringBuilder json = new StringBuilder("{");
            members.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                    .append(JsonReader.quote(name)).append(':').append(JsonReader.quote(value)));

            assertEquals(members, JsonReader.readObject(json.append('}').toString()));
        });
    }

    private static void parseOrMalformed(String text) {
        try {
            Map<String, Object> parsed = JsonReader.readObject(text);
            if (parsed == null) {
                throw new AssertionError("null result for " + text);
            }
        } catch (MalformedJsonException expected) {
            // the only allowed failure
        }
    }
}
