package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class GenTest {

    private static <T> List<T> sample(Gen<T> gen, long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<T> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(gen.next(random));
        }
        return values;
    }

    private static <T> long count(List<T> values, Function<T, Boolean> test) {
        return values.stream().filter(test::apply).count();
    }

    @Test
    void theSameSeedGivesTheSameValuesAndAnotherSeedOthers() {
        Gen<String> strings = Gen.strings();

        assertEquals(sample(strings, 7, 200), sample(strings, 7, 200));
        assertNotEquals(sample(strings, 7, 200), sample(strings, 8, 200));
    }

    @Test
    void longsStayInRangeAndHaveTheirEdgeCases() {
        Gen<Long> longs = Gen.longs(1, 253_402_300_799L);

        assertEquals(List.of(1L, 253_402_300_799L, 2L), longs.edgeCases());
        List<Long> values = sample(longs, 1, 5000);
        assertTrue(values.stream().allMatch(v -> v >= 1 && v <= 253_402_300_799L));
        assertTrue(values.contains(1L) && values.contains(253_402_300_799L), "edge cases mixed in");
        long small = count(values, v -> v <= 1001);
        assertTrue(small > 1500 && small < 3500, "about half near the bound nearest 0: " + small);
    }

    @Test
    void fullRangeLongsIncludeTheExtremesAndSmallNumbers() {
        Gen<Long> longs = Gen.longs();

        assertEquals(List.of(Long.MIN_VALUE, Long.MAX_VALUE, -2L, -1L, 0L, 1L, 2L), longs.edgeCases());
        List<Long> values = sample(longs, 2, 5000);
        assertTrue(values.contains(Long.MIN_VALUE) && values.contains(Long.MAX_VALUE) && values.contains(0L));
        assertTrue(count(values, v -> Math.abs(v) > 1_000_000_000L) > 1000, "large values too");
    }

    @Test
    void intsCoverASmallRangeCompletely() {
        Set<Integer> seen = new HashSet<>(sample(Gen.ints(0, 12), 3, 2000));

        assertEquals(13, seen.size());
        assertTrue(seen.stream().allMatch(v -> v >= 0 && v <= 12));
    }

    @Test
    void doublesAreFiniteAndIncludeTheirEdgeCases() {
        List<Double> values = sample(Gen.doubles(), 4, 5000);

        assertTrue(values.stream().allMatch(Double::isFinite));
        assertTrue(values.contains(Double.MAX_VALUE) && values.contains(-Double.MAX_VALUE) && values.contains(0.0));
        assertTrue(values.stream().anyMatch(v -> String.valueOf(v).contains("E")), "exponent forms");
    }

    @Test
    void charsSkipSurrogatesNoncharactersAndPrivateUse() {
        List<Character> values = sample(Gen.chars(), 5, 50_000);

        assertFalse(values.stream().anyMatch(Character::isSurrogate));
        assertFalse(values.stream().anyMatch(c -> c >= 0xfdd0 && c <= 0xfdef || c >= 0xfffe || c >= 0xe000 && c <= 0xf8ff));
        assertTrue(values.contains('\u0000') && values.contains('"') && values.contains('\\'), "special characters mixed in");
    }

    @Test
    void stringsStartFromTheEmptyStringAndSpecialCharacters() {
        Gen<String> strings = Gen.strings();

        assertEquals("", strings.edgeCases().get(0));
        assertTrue(strings.edgeCases().containsAll(List.of("\u0000", " ", "\"", "\\", "\n", "\u00e9")));
        List<String> values = sample(strings, 6, 3000);
        assertTrue(values.stream().allMatch(s -> s.length() <= Gen.DEFAULT_MAX_SIZE));
        assertTrue(values.contains(""), "the empty string mixed in");
        assertTrue(count(values, s -> s.length() <= 10) > 1000, "short strings favoured");
        assertTrue(count(values, s -> s.length() > 100) > 300, "long strings too");
    }

    @Test
    void boundedStringsAndListsKeepTheirLengths() {
        Gen<String> octets = Gen.strings(Gen.charRange('!', '~'), 4091, 4096);

        assertTrue(sample(octets, 7, 100).stream().allMatch(s -> s.length() >= 4091 && s.length() <= 4096));
        assertEquals(List.of("!".repeat(4091), "~".repeat(4091)), octets.edgeCases());
        assertTrue(sample(Gen.ints(0, 9).list(2, 3), 7, 200).stream().allMatch(l -> l.size() == 2 || l.size() == 3));
    }

    @Test
    void filterKeepsOnlyAcceptedValuesAndFailsWhenNothingPasses() {
        Gen<Integer> even = Gen.ints(0, 100).filter(v -> v % 2 == 0);

        assertTrue(sample(even, 8, 1000).stream().allMatch(v -> v % 2 == 0));
        assertEquals(List.of(0, 100, 2), even.edgeCases());
        Gen<Integer> none = Gen.ints(0, 10).filter(v -> v > 10);
        assertThrows(IllegalStateException.class, () -> sample(none, 8, 100));
    }

    @Test
    void frequencyFollowsTheWeights() {
        Gen<String> weighted = Gen.frequency(List.of(Map.entry(6, Gen.constant("scalar")), Map.entry(1, Gen.constant("array")),
                Map.entry(1, Gen.constant("object"))));

        long scalars = count(sample(weighted, 9, 8000), "scalar"::equals);
        assertTrue(scalars > 5400 && scalars < 6600, "about six in eight: " + scalars);
    }

    @Test
    void mapsHaveDistinctKeysInInsertionOrderUpToTheirSize() {
        Gen<Map<String, String>> maps = Gen.maps(Gen.strings(Gen.charsFrom("ab"), 0, 2), Gen.strings(), 8);

        assertEquals(Map.of(), maps.edgeCases().get(0));
        List<Map<String, String>> values = sample(maps, 10, 500);
        assertTrue(values.stream().allMatch(m -> m.size() <= 7), "at most the 7 distinct keys of length 0 to 2");
        assertTrue(values.stream().anyMatch(m -> m.size() >= 5));
    }

    @Test
    void combineAndBytesBuildTheirValuesFromTheirParts() {
        Gen<String> pairs = Gen.combine(Gen.ints(1, 3), Gen.charsFrom("xy"), (n, c) -> String.valueOf(c).repeat(n));

        assertTrue(sample(pairs, 11, 300).stream().allMatch(s -> s.matches("x{1,3}|y{1,3}")));
        List<byte[]> edges = Gen.bytes(0, 255).edgeCases();
        assertEquals(0, edges.get(0).length, "the empty array first");
        assertArrayEquals(new byte[] {Byte.MIN_VALUE}, edges.get(4));
        assertTrue(sample(Gen.bytes(0, 255), 11, 300).stream().allMatch(b -> b.length <= 255));
    }
}
