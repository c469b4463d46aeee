package org.tokenrefresh.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenrefresh.testsupport.Gen;
import org.tokenrefresh.testsupport.Property;

class CookieValuesTest {

    private static final String ACCESS = "authToken";
    private static final String REFRESH = "refreshToken";

    private static Enumeration<String> headers(String... values) {
        return Collections.enumeration(List.of(values));
    }

    /** One header scanned for both token cookies: what each is found to be and whether a problem is reported. */
    static Stream<Arguments> scansOfOneHeader() {
        return Stream.of(
                arguments("finds both token cookies in one header", "theme=dark; authToken=eyJ.a.b; refreshToken=r-1_x", "eyJ.a.b", "r-1_x", false),
                arguments("absent cookies are null", "theme=dark; lang=en", null, null, false),
                arguments("a quoted value is unquoted", "authToken=\"abc.def\"; refreshToken=\"r1\"", "abc.def", "r1", false),
                arguments("an empty value counts as absent without problem", "authToken=; refreshToken=\"\"", null, null, false),
                arguments("whitespace around pairs is ignored", "  authToken=abc ;\t refreshToken=def\t ;;  ", "abc", "def", false),
                arguments("pairs without equals sign are ignored", "flag; authToken; refreshToken=r1; other", null, "r1", false),
                arguments("a semicolon inside a quoted value breaks the value, which is ignored and reported",
                        "authToken=\"abc;def\"; refreshToken=r1", null, "r1", true),
                // RFC 2965 allowed ',' between pairs; RFC 6265 does not, and the value then holds a comma
                arguments("comma-separated pairs are one malformed value", "authToken=abc, refreshToken=r1", null, null, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scansOfOneHeader")
    void scanFindsTheTokenCookiesOfOneHeader(String behaviour, String header, String access, String refresh, boolean problem) {
        assertFound(CookieValues.scan(header, ACCESS, REFRESH), access, refresh, problem);
    }

    @Test
    void findsCookiesSpreadOverSeveralHeaders() {
        // HTTP/2 lets a client send one Cookie header per pair (RFC 9113 section 8.2.3)
        assertFound(CookieValues.scan(headers("theme=dark", "refreshToken=r1", "authToken=a1"), ACCESS, REFRESH), "a1", "r1", false);
    }

    private static void assertFound(CookieValues found, String access, String refresh, boolean problem) {
        assertEquals(access, found.get(0));
        assertEquals(refresh, found.get(1));
        assertEquals(problem, found.problem() != null, String.valueOf(found.problem()));
    }

    @Test
    void noHeaderAtAllFindsNothing() {
        assertNull(CookieValues.scan((String) null, ACCESS).get(0));
        assertNull(CookieValues.scan((Enumeration<String>) null, ACCESS).get(0));
        assertNull(CookieValues.scan(headers(), ACCESS).get(0));
        assertNull(CookieValues.scan("", ACCESS).get(0));
    }

    @Test
    void spaceBeforeTheEqualsSignIsNotPartOfTheName() {
        assertEquals("abc", CookieValues.scan("authToken =abc", ACCESS).get(0));
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertEquals("a=b==", CookieValues.scan("authToken=a=b==", ACCESS).get(0));
    }

    @Test
    void duplicateNameKeepsTheFirstAndReportsAProblem() {
        CookieValues found = CookieValues.scan("authToken=first-value; authToken=second-value", ACCESS);

        assertEquals("first-value", found.get(0));
        assertNotNull(found.problem());
        assertTrue(found.problem().contains(ACCESS), found.problem());
        assertFalse(found.problem().contains("first-value"), found.problem());
        assertFalse(found.problem().contains("second-value"), found.problem());
    }

    @Test
    void duplicateNameAcrossHeadersKeepsTheFirst() {
        CookieValues found = CookieValues.scan(headers("refreshToken=r-first", "refreshToken=r-second"), ACCESS, REFRESH);

        assertEquals("r-first", found.get(1));
        assertNotNull(found.problem());
    }

    @Test
    void valueOfExactly4096CharactersIsAccepted() {
        String value = "v".repeat(CookieValues.MAX_VALUE_LENGTH);

        CookieValues found = CookieValues.scan("authToken=" + value, ACCESS);

        assertEquals(value, found.get(0));
        assertNull(found.problem());
    }

    @Test
    void valueLongerThan4096CharactersIsIgnoredAndReported() {
        String value = "v".repeat(CookieValues.MAX_VALUE_LENGTH + 1);

        assertAccessIgnoredAndReported("authToken=" + value + "; refreshToken=r1", "vvvv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\r\n", " ", "\t", ",", "\\", "\"", "\u0000", "\u007f", "\u00e9", "\u20ac"})
    void valueWithCharacterOutsideCookieOctetIsIgnoredAndReported(String bad) {
        assertAccessIgnoredAndReported("authToken=abc" + bad + "def; refreshToken=r1", "abc");
    }

    /** The access cookie of the header is ignored and reported by name, never by value; the refresh cookie r1 is kept. */
    private static void assertAccessIgnoredAndReported(String header, String valuePart) {
        CookieValues found = CookieValues.scan(header, ACCESS, REFRESH);

        assertFound(found, null, "r1", true);
        assertTrue(found.problem().contains(ACCESS), found.problem());
        assertFalse(found.problem().contains(valuePart), found.problem());
    }

    @Test
    void semicolonEndsAValue() {
        assertEquals("abc", CookieValues.scan("authToken=abc;def", ACCESS).get(0));
    }

    @Test
    void onlyTheFirstProblemIsKept() {
        CookieValues found = CookieValues.scan("authToken=a b; refreshToken=" + "x".repeat(5000), ACCESS, REFRESH);

        assertTrue(found.problem().contains(ACCESS), found.problem());
        assertFalse(found.problem().contains(REFRESH), found.problem());
    }

    @Test
    void namesAreMatchedExactly() {
        CookieValues found = CookieValues.scan(
                "xauthToken=1; authTokenx=2; authToken2=3; AUTHTOKEN=4; authtoken=5; auth=6; Token=7", ACCESS);

        assertNull(found.get(0));
        assertNull(found.problem());
    }

    @Test
    void exactNameIsFoundAmongNamesThatExtendIt() {
        CookieValues found = CookieValues.scan("authToken-exp=1700000000; xauthToken=1; authToken=real", ACCESS, "authToken-exp");

        assertEquals("real", found.get(0));
        assertEquals("1700000000", found.get(1));
    }

    @Test
    void hostPrefixedNamesAreFoundAndDistinctFromUnprefixedOnes() {
        CookieValues found = CookieValues.scan("authToken=plain; __Host-authToken=hosted; __Secure-refreshToken=secure",
                "__Host-authToken", "__Secure-refreshToken", "refreshToken");

        assertEquals("hosted", found.get(0));
        assertEquals("secure", found.get(1));
        assertNull(found.get(2));
    }

    @Test
    void prefixedCookieDoesNotMatchTheUnprefixedName() {
        assertNull(CookieValues.scan("__Host-authToken=hosted", ACCESS).get(0));
    }

    @Test
    void isWritableAcceptsJwtAndOpaqueTokens() {
        assertTrue(CookieValues.isWritable("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln"));
        assertTrue(CookieValues.isWritable("aZ09-_.~!#$%&'()*+/:<=>?@[]^`{|}"));
        assertTrue(CookieValues.isWritable("x".repeat(CookieValues.MAX_VALUE_LENGTH)));
    }

    @Test
    void isWritableRejectsWhatCannotGoIntoACookie() {
        assertFalse(CookieValues.isWritable(null));
        assertFalse(CookieValues.isWritable(""));
        assertTrue(CookieValues.isWritable("x".repeat(16 * 1024)), "a long token is written in chunks, not thrown away");
        for (String bad : new String[] {"a b", "a;b", "a,b", "a\"b", "a\\b", "a\rb", "a\nb", "a\u00e9"}) {
            assertFalse(CookieValues.isWritable(bad), bad);
        }
    }

    // ---- properties (seeded: -Dtestsupport.seed=N replays a reported failure) ----

    private static final Gen<String> COOKIE_NAMES = Gen.strings(
            Gen.charsFrom("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&'*+^`|~"), 1, 40)
            .filter(name -> !name.equals("a") && !name.equals("b"));

    /** RFC 6265 section 4.1.1 cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
    private static final Gen<Character> COOKIE_OCTETS = Gen.charRange((char) 0x21, (char) 0x7e)
            .filter(c -> c != '"' && c != ',' && c != ';' && c != '\\');

    private static final Gen<String> COOKIE_VALUES = Gen.oneOf(
            Gen.strings(COOKIE_OCTETS, 1, 300),
            Gen.strings(COOKIE_OCTETS, CookieValues.MAX_VALUE_LENGTH - 5, CookieValues.MAX_VALUE_LENGTH));

    /** Headers built from the pieces that matter: names, separators, quotes, whitespace and bad characters. */
    private static final Gen<String> COOKIE_HEADERS = headersOf("authToken", "refreshToken", "a");

    /**
     * Headers made of these pieces and of those that matter to any scan: separators, quotes, whitespace, bad
     * characters, random text and a value at the size limit.
     */
    static Gen<String> headersOf(String... pieces) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(pieces), java.util.stream.Stream.of("=", ";", "; ",
                " ", "\t", "\"", ",", "\\", "\r\n", "\u0000", "\u00e9", "x")).toArray(String[]::new);
        return Gen.oneOf(Gen.elements(all), Gen.strings(Gen.chars(), 0, 8), Gen.constant("v".repeat(CookieValues.MAX_VALUE_LENGTH)))
                .list(0, 30).map(parts -> String.join("", parts));
    }

    @Test
    void anyHeaderNeverThrowsAndGivesOnlyWritableValues() {
        Property.check(2000, sample -> {
            String header = sample.draw(COOKIE_HEADERS);
            CookieValues found = CookieValues.scan(header, ACCESS, REFRESH, "a");

            for (int i = 0; i < 3; i++) {
                String value = found.get(i);
                if (value != null && !CookieValues.isWritable(value)) {
                    throw new AssertionError("unwritable value " + value + " from " + header);
                }
            }
        });
    }

    @Test
    void anyStringNeverThrowsAndGivesOnlyWritableValues() {
        Property.check(1000, sample -> {
            CookieValues found = CookieValues.scan(headers(sample.draw(Gen.strings()), sample.draw(Gen.strings())), ACCESS, REFRESH);

            for (int i = 0; i < 2; i++) {
                String value = found.get(i);
                if (value != null && !CookieValues.isWritable(value)) {
                    throw new AssertionError("unwritable value " + value);
                }
            }
        });
    }

    @Test
    void cookieOctetValuesRoundTripExactly() {
        Property.check(1000, sample -> {
            String name = sample.draw(COOKIE_NAMES);
            String value = sample.draw(COOKIE_VALUES);
            String before = sample.draw(COOKIE_VALUES);
            String after = sample.draw(COOKIE_VALUES);
            String header = "a=" + before + "; " + name + "=" + value + "; b=" + after;

            CookieValues found = CookieValues.scan(header, name, "a", "b");

            assertEquals(value, found.get(0), header);
            assertEquals(before, found.get(1));
            assertEquals(after, found.get(2));
            assertNull(found.problem());
            assertTrue(CookieValues.isWritable(value));
        });
    }

    @Test
    void quotedCookieOctetValuesRoundTripWithoutTheQuotes() {
        Property.check(300, sample -> {
            String name = sample.draw(COOKIE_NAMES);
            String value = sample.draw(COOKIE_VALUES);
            CookieValues found = CookieValues.scan("a=1; " + name + "=\"" + value + "\"; b=2", name);

            assertEquals(value, found.get(0));
        });
    }
}
