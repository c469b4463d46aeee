package org.tokenrefresh.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small property runner for plain JUnit 5 tests: runs a check many times on values drawn from seeded
 * {@link Gen generators}, and on failure names the seed that replays it.
 *
 * <h2>Usage</h2>
 * In a JUnit test method:
 * <pre>{@code
 * void quotedStringsReadBackExactly() {
 *     Property.check(1000, sample -> {
 *         String value = sample.draw(Gen.strings());
 *         assertEquals(value, read(quote(value)));
 *     });
 * }
 * }</pre>
 *
 * <h2>Configuration</h2>
 * <ul>
 *   <li>{@code -Dtestsupport.seed=N} (decimal or {@code 0x} hex): the seed of every run; default
 *       {@value #DEFAULT_SEED}, so a build is reproducible. Maven passes it on to the tests' JVM:
 *       {@code mvn verify -Dtestsupport.seed=12345}.</li>
 *   <li>{@code -Dtestsupport.tries=N}: the tries of every property, instead of the count each one asks for
 *       (e.g. a long run hunting for rare failures).</li>
 * </ul>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>One run is deterministic for one seed: the same tries draw the same values.</li>
 *   <li>The first tries (a tenth of them, at most {@value #MAX_EDGE_CASE_TRIES}) draw only edge cases: in try
 *       {@code t}, the {@code d}-th draw takes edge case {@code (t + d) mod n} of its generator, so every edge case
 *       of every generator with up to that many is used, in changing combinations. The other tries draw random
 *       values with edge cases mixed in (see {@link Gen}).</li>
 *   <li>Any exception or error of the check fails the property with an {@link AssertionError} that names the try,
 *       the seed, the {@code -Dtestsupport.seed} to replay it and every value drawn, with the original as cause.</li>
 *   <li>No shrinking: the values are reported as drawn.</li>
 * </ul>
 */
public final class Property {

    public static final String SEED_PROPERTY = "testsupport.seed";
    public static final String TRIES_PROPERTY = "testsupport.tries";
    public static final long DEFAULT_SEED = 20_251_129L;
    public static final int DEFAULT_TRIES = 1000;
    public static final int MAX_EDGE_CASE_TRIES = 50;

    private static final int MAX_RENDERED_LENGTH = 500;

    /** The check of one try. */
    @FunctionalInterface
    public interface Check {
        void run(Sample sample) throws Exception;
    }

    /** Where a try draws its values from. */
    public static final class Sample {
        private final SplittableRandom random;
        private final int edgeCaseTry;
        private final List<Object> drawn = new ArrayList<>();

        private Sample(SplittableRandom random, int edgeCaseTry) {
            this.random = random;
            this.edgeCaseTry = edgeCaseTry;
        }

        /** The next value of the generator (recorded for the failure message). */
        public <T> T draw(Gen<T> gen) {
            List<T> edges = gen.edgeCases();
            T value = edgeCaseTry >= 0 && !edges.isEmpty() ? edges.get((edgeCaseTry + drawn.size()) % edges.size())
                    : gen.next(random);
            drawn.add(value);
            return value;
        }
    }

    private Property() {
    }

    /** Runs the check {@value #DEFAULT_TRIES} times with the configured seed. */
    public static void check(Check check) {
        check(DEFAULT_TRIES, check);
    }

    /** Runs the check {@code tries} times (unless {@code -Dtestsupport.tries} says otherwise) with the configured seed. */
    public static void check(int tries, Check check) {
        check(seed(), configuredTries(tries), check);
    }

    /** Runs the check {@code tries} times with the given seed: how a reported failure is replayed in code. */
    public static void check(long seed, int tries, Check check) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be positive: " + tries);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int edgeCaseTries = Math.min(tries / 10, MAX_EDGE_CASE_TRIES);
        for (int i = 0; i < tries; i++) {
            Sample sample = new Sample(random.split(), i < edgeCaseTries ? i : -1);
            try {
                check.run(sample);
            } catch (Throwable failure) {
                throw new AssertionError(message(seed, i, tries, sample.drawn, failure), failure);
            }
        }
    }

    /** The seed of this JVM's runs: {@code -Dtestsupport.seed}, else {@value #DEFAULT_SEED}. */
    public static long seed() {
        return systemNumber(SEED_PROPERTY, DEFAULT_SEED);
    }

    private static int configuredTries(int requested) {
        return Math.toIntExact(systemNumber(TRIES_PROPERTY, requested));
    }

    /** A number from a system property (decimal, or hex with {@code 0x}), or the fallback when it is unset. */
    private static long systemNumber(String property, long fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.decode(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + property + "=\"" + value + "\" is not a number", e);
        }
    }

    private static String message(long seed, int index, int tries, List<Object> drawn, Throwable failure) {
        StringBuilder text = new StringBuilder("Property failed at try ").append(index + 1).append(" of ").append(tries)
                .append(" with seed ").append(seed).append(" (replay: -D").append(SEED_PROPERTY).append('=').append(seed)
                .append(")\n");
        for (int i = 0; i < drawn.size(); i++) {
            text.append("  value ").append(i + 1).append(": ").append(render(drawn.get(i))).append('\n');
        }
        return text.append("  failure: ").append(failure).toString();
    }

    /** A readable, bounded rendering: strings quoted with Java escapes, arrays and collections spelled out. */
    static String render(Object value) {
        String text = renderFully(value);
        return text.length() <= MAX_RENDERED_LENGTH ? text
                : text.substring(0, MAX_RENDERED_LENGTH) + "... (" + text.length() + " characters)";
    }

    private static String renderFully(Object value) {
        if (value instanceof String string) {
            return quote(string);
        }
        if (value instanceof Character c) {
            String quoted = quote(String.valueOf(c));
            return "'" + quoted.substring(1, quoted.length() - 1) + "'";
        }
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return renderFully(entry.getKey()) + "=" + renderFully(entry.getValue());
        }
        if (value instanceof Map<?, ?> map) {
            return renderAll(map.entrySet(), "{", "}");
        }
        if (value instanceof Collection<?> collection) {
            return renderAll(collection, "[", "]");
        }
        return String.valueOf(value);
    }

    private static String renderAll(Collection<?> values, String open, String close) {
        StringBuilder text = new StringBuilder(open);
        for (Object value : values) {
            text.append(text.length() > open.length() ? ", " : "").append(renderFully(value));
        }
        return text.append(close).toString();
    }

    private static String quote(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                text.append(c);
            } else {
                text.append(String.format("\\u%04x", (int) c));
            }
        }
        return text.append('"').toString();
    }
}
