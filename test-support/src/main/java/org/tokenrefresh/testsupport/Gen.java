package org.tokenrefresh.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A seeded generator of test values with its edge cases, for {@link Property}. Immutable; the randomness comes
 * from the {@link RandomGenerator} passed in, so the same seed gives the same values.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * Gen<String> names = Gen.strings(Gen.charsFrom("abc-_"), 1, 40).filter(name -> !name.equals("a"));
 * Gen<List<Long>> numbers = Gen.longs(1, 9_999).list(0, 10);
 * }</pre>
 *
 * <h2>Edge-case bias</h2>
 * Bugs hide at the edges, so every generator names its edge cases and {@link #next} returns one of them instead
 * of a random value one time in {@value #EDGE_CASE_ONE_IN}, at every level (a list's elements and a string's
 * characters too). {@link Property} also starts each run with tries made only of edge cases. The edge cases:
 * <ul>
 *   <li>integers ({@link #longs}, {@link #ints}): the range's minimum and maximum, and -2, -1, 0, 1, 2 when in
 *       range; half of the random values lie within 1,000 of 0 (or of the bound nearest 0);</li>
 *   <li>{@link #doubles()}: 0.0, -0.0, &plusmn;0.01, &plusmn;1.0, {@link Double#MIN_VALUE} and &plusmn;{@link Double#MAX_VALUE};
 *       half of the random values have two decimals and lie within &plusmn;10,000, the others are any finite double;</li>
 *   <li>characters ({@link #chars()}): NUL, tab, CR, LF, space, {@code " \ ; , =}, U+001F, DEL, a no-break space,
 *       {@code é}, {@code €} and U+FFFD; a {@link #charRange} has its two ends;</li>
 *   <li>lists, strings and arrays: the empty one when allowed, and for each element edge case one of the shortest
 *       allowed length made of it (so {@code ""}, {@code "\0"}, {@code " "}, {@code "\""} for {@link #strings()});
 *       half of the random lengths are at most 10 above the minimum;</li>
 *   <li>{@link #oneOf}, {@link #frequency}: the edge cases of every choice; {@link #elements} and
 *       {@link #constant}: none (each value is equally likely already).</li>
 * </ul>
 *
 * @param <T> the type of the values
 */
public final class Gen<T> {

    /** How rarely {@link #next} picks an edge case over a random value: one time in this many. */
    public static final int EDGE_CASE_ONE_IN = 20;

    /** Default longest string, list and array, as in common property-testing libraries. */
    public static final int DEFAULT_MAX_SIZE = 255;

    private static final int FILTER_ATTEMPTS = 10_000;
    private static final int SHORT_SPAN = 10;
    private static final long SMALL_SPAN = 1_000;
    private static final char[] SPECIAL_CHARS = {'\u0000', '\t', '\r', '\n', ' ', '"', '\\', ';', ',', '=', '\u001f',
            '\u007f', '\u00a0', '\u00e9', '\u20ac', '\ufffd'};

    private final Function<RandomGenerator, T> random;
    private final List<T> edgeCases;

    private Gen(Function<RandomGenerator, T> random, List<T> edgeCases) {
        this.random = random;
        this.edgeCases = List.copyOf(edgeCases);
    }

    /** A generator from a function of the randomness and the edge cases to mix in. */
    public static <T> Gen<T> of(Function<RandomGenerator, T> random, List<T> edgeCases) {
        return new Gen<>(Objects.requireNonNull(random, "random"), edgeCases);
    }

    /** The next value: an edge case one time in {@value #EDGE_CASE_ONE_IN}, else a random value. */
    public T next(RandomGenerator randomness) {
        if (!edgeCases.isEmpty() && randomness.nextInt(EDGE_CASE_ONE_IN) == 0) {
            return edgeCases.get(randomness.nextInt(edgeCases.size()));
        }
        return random.apply(randomness);
    }

    /** The edge cases, in a fixed order. */
    public List<T> edgeCases() {
        return edgeCases;
    }

    /** The same generator with other edge cases. */
    public Gen<T> withEdgeCases(List<T> others) {
        return new Gen<>(random, others);
    }

    public <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        List<R> mapped = new ArrayList<>();
        edgeCases.forEach(edge -> mapped.add(mapper.apply(edge)));
        return new Gen<>(randomness -> mapper.apply(random.apply(randomness)), mapped);
    }

    /** Only values that pass; fails after {@value #FILTER_ATTEMPTS} rejections in a row (the filter is too strict). */
    public Gen<T> filter(Predicate<? super T> accepted) {
        List<T> kept = edgeCases.stream().filter(accepted).toList();
        return new Gen<>(randomness -> {
            for (int i = 0; i < FILTER_ATTEMPTS; i++) {
                T value = random.apply(randomness);
                if (accepted.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("the filter rejected " + FILTER_ATTEMPTS + " values in a row");
        }, kept);
    }

    /** Lists of {@code minSize} to {@code maxSize} values of this generator. */
    public Gen<List<T>> list(int minSize, int maxSize) {
        checkSizes(minSize, maxSize);
        List<List<T>> edges = new ArrayList<>();
        if (minSize == 0) {
            edges.add(List.of());
        }
        int shortest = Math.max(minSize, 1);
        if (shortest <= maxSize) {
            for (T edge : edgeCases) {
                edges.add(Collections.nCopies(shortest, edge));
            }
        }
        return new Gen<>(randomness -> {
            int size = size(randomness, minSize, maxSize);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(randomness));
            }
            return values;
        }, edges);
    }

    // ---- numbers ----

    /** Any long, biased as described in the class comment. */
    public static Gen<Long> longs() {
        return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Longs from {@code min} to {@code max}, both included. */
    public static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        LinkedHashSet<Long> edges = new LinkedHashSet<>();
        for (long edge : new long[] {min, max, -2, -1, 0, 1, 2}) {
            if (edge >= min && edge <= max) {
                edges.add(edge);
            }
        }
        long near = Math.max(min, Math.min(max, 0));
        long smallMin = Math.max(min, near > Long.MIN_VALUE + SMALL_SPAN ? near - SMALL_SPAN : Long.MIN_VALUE);
        long smallMax = Math.min(max, near < Long.MAX_VALUE - SMALL_SPAN ? near + SMALL_SPAN : Long.MAX_VALUE);
        return new Gen<>(randomness -> randomness.nextBoolean() ? uniform(randomness, smallMin, smallMax)
                : uniform(randomness, min, max), new ArrayList<>(edges));
    }

    /** Ints from {@code min} to {@code max}, both included. */
    public static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Math::toIntExact);
    }

    /** Finite doubles, biased as described in the class comment. */
    public static Gen<Double> doubles() {
        List<Double> edges = List.of(0.0, -0.0, 0.01, -0.01, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE);
        return new Gen<>(randomness -> {
            if (randomness.nextBoolean()) {
                return uniform(randomness, -1_000_000, 1_000_000) / 100.0;
            }
            double any;
            do {
                any = Double.longBitsToDouble(randomness.nextLong());
            } while (!Double.isFinite(any));
            return any;
        }, edges);
    }

    public static Gen<Boolean> booleans() {
        return elements(false, true);
    }

    /** Byte arrays of {@code minSize} to {@code maxSize} bytes; byte edge cases 0, 1, -1, -128, 127. */
    public static Gen<byte[]> bytes(int minSize, int maxSize) {
        Gen<Byte> bytes = new Gen<>(randomness -> (byte) randomness.nextInt(256),
                List.of((byte) 0, (byte) 1, (byte) -1, Byte.MIN_VALUE, Byte.MAX_VALUE));
        return bytes.list(minSize, maxSize).map(list -> {
            byte[] array = new byte[list.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = list.get(i);
            }
            return array;
        });
    }

    // ---- characters and strings ----

    /**
     * Any UTF-16 code unit that is a character on its own: not a surrogate, a noncharacter (U+FDD0 to U+FDEF,
     * U+FFFE, U+FFFF) or a private-use character (U+E000 to U+F8FF). Edge cases: see the class comment.
     */
    public static Gen<Character> chars() {
        List<Character> edges = new ArrayList<>();
        for (char c : SPECIAL_CHARS) {
            edges.add(c);
        }
        return new Gen<>(randomness -> {
            char c;
            do {
                c = (char) randomness.nextInt(Character.MAX_VALUE + 1);
            } while (Character.isSurrogate(c) || (c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffe
                    || (c >= 0xe000 && c <= 0xf8ff));
            return c;
        }, edges);
    }

    /** Characters from {@code first} to {@code last}, both included; edge cases the two ends. */
    public static Gen<Character> charRange(char first, char last) {
        if (first > last) {
            throw new IllegalArgumentException("first > last");
        }
        List<Character> edges = first == last ? List.of(first) : List.of(first, last);
        return new Gen<>(randomness -> (char) randomness.nextInt(first, last + 1), edges);
    }

    /** One of the characters of {@code alphabet}, each equally likely. */
    public static Gen<Character> charsFrom(String alphabet) {
        Character[] chars = alphabet.chars().mapToObj(c -> (char) c).toArray(Character[]::new);
        return elements(chars);
    }

    /** Strings of 0 to {@value #DEFAULT_MAX_SIZE} {@link #chars()}. */
    public static Gen<String> strings() {
        return strings(chars(), 0, DEFAULT_MAX_SIZE);
    }

    /** Strings of {@code minLength} to {@code maxLength} characters of the given generator. */
    public static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return chars.list(minLength, maxLength).map(Gen::join);
    }

    // ---- choices and combinations ----

    /** One of the values, each equally likely; no edge cases. */
    @SafeVarargs
    public static <T> Gen<T> elements(T... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        List<T> choices = List.copyOf(Arrays.asList(values));
        return new Gen<>(randomness -> choices.get(randomness.nextInt(choices.size())), List.of());
    }

    /** Always the value. */
    public static <T> Gen<T> constant(T value) {
        return new Gen<>(randomness -> value, List.of());
    }

    /** A value of one of the generators, each equally likely. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
        List<Map.Entry<Integer, Gen<? extends T>>> weighted = new ArrayList<>();
        for (Gen<? extends T> choice : choices) {
            weighted.add(Map.entry(1, choice));
        }
        return frequency(weighted);
    }

    /** A value of one of the generators, chosen in proportion to its weight (the entry's key). */
    public static <T> Gen<T> frequency(List<Map.Entry<Integer, Gen<? extends T>>> weightedChoices) {
        if (weightedChoices.isEmpty()) {
            throw new IllegalArgumentException("no choices");
        }
        List<Map.Entry<Integer, Gen<? extends T>>> choices = List.copyOf(weightedChoices);
        int total = 0;
        List<T> edges = new ArrayList<>();
        for (Map.Entry<Integer, Gen<? extends T>> choice : choices) {
            if (choice.getKey() <= 0) {
                throw new IllegalArgumentException("weights must be positive: " + choice.getKey());
            }
            total += choice.getKey();
            edges.addAll(choice.getValue().edgeCases());
        }
        int sum = total;
        return new Gen<>(randomness -> {
            int pick = randomness.nextInt(sum);
            for (Map.Entry<Integer, Gen<? extends T>> choice : choices) {
                pick -= choice.getKey();
                if (pick < 0) {
                    return choice.getValue().next(randomness);
                }
            }
            throw new AssertionError("unreachable");
        }, edges);
    }

    /** Values made of one value of each generator; edge cases pair the two generators' edge cases in order. */
    public static <A, B, R> Gen<R> combine(Gen<A> first, Gen<B> second, BiFunction<? super A, ? super B, ? extends R> combiner) {
        List<R> edges = new ArrayList<>();
        List<A> firstEdges = first.edgeCases();
        List<B> secondEdges = second.edgeCases();
        if (!firstEdges.isEmpty() && !secondEdges.isEmpty()) {
            for (int i = 0; i < Math.max(firstEdges.size(), secondEdges.size()); i++) {
                edges.add(combiner.apply(firstEdges.get(i % firstEdges.size()), secondEdges.get(i % secondEdges.size())));
            }
        }
        return new Gen<>(randomness -> combiner.apply(first.next(randomness), second.next(randomness)), edges);
    }

    /**
     * Insertion-ordered maps of up to {@code maxSize} entries with distinct keys (fewer when the keys run out);
     * edge cases: the empty map, and one map per key edge case holding it with the values' first edge case.
     */
    public static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int maxSize) {
        checkSizes(0, maxSize);
        List<Map<K, V>> edges = new ArrayList<>();
        edges.add(Map.of());
        if (maxSize > 0 && !values.edgeCases().isEmpty()) {
            for (K key : keys.edgeCases()) {
                Map<K, V> single = new LinkedHashMap<>();
                single.put(key, values.edgeCases().get(0));
                edges.add(single);
            }
        }
        return new Gen<>(randomness -> {
            int size = size(randomness, 0, maxSize);
            Map<K, V> map = new LinkedHashMap<>();
            for (int attempt = 0; map.size() < size && attempt < size * 10; attempt++) {
                map.putIfAbsent(keys.next(randomness), values.next(randomness));
            }
            return map;
        }, edges);
    }

    // ---- helpers ----

    private static void checkSizes(int minSize, int maxSize) {
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("sizes " + minSize + ".." + maxSize);
        }
    }

    /** A size from min to max: half the time at most {@value #SHORT_SPAN} above min. */
    private static int size(RandomGenerator randomness, int min, int max) {
        int upper = randomness.nextBoolean() ? Math.min(max, min + SHORT_SPAN) : max;
        return randomness.nextInt(min, upper + 1);
    }

    /** Uniform from min to max, both included, for any range of longs. */
    private static long uniform(RandomGenerator randomness, long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return randomness.nextLong();
        }
        if (max == Long.MAX_VALUE) {
            return randomness.nextLong(min - 1, max) + 1;
        }
        return randomness.nextLong(min, max + 1);
    }

    private static String join(List<Character> chars) {
        StringBuilder text = new StringBuilder(chars.size());
        chars.forEach(text::append);
        return text.toString();
    }
}
