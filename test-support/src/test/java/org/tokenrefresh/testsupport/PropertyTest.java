package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PropertyTest {

    @Test
    void runsTheCheckOncePerTry() {
        AtomicInteger runs = new AtomicInteger();

        Property.check(42L, 300, sample -> runs.incrementAndGet());

        assertEquals(300, runs.get());
    }

    @Test
    void theSameSeedDrawsTheSameValues() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();

        Property.check(7L, 200, sample -> first.add(sample.draw(Gen.strings())));
        Property.check(7L, 200, sample -> second.add(sample.draw(Gen.strings())));

        assertEquals(first, second);
    }

    @Test
    void theFirstTriesDrawEveryEdgeCaseInTurn() {
        List<Long> drawn = new ArrayList<>();
        Gen<Long> longs = Gen.longs(-5, 5);

        Property.check(1L, 100, sample -> drawn.add(sample.draw(longs)));

        assertEquals(longs.edgeCases(), drawn.subList(0, longs.edgeCases().size()));
    }

    @Test
    void aFailureNamesTheTryTheSeedTheReplayAndTheValues() {
        IllegalStateException cause = new IllegalStateException("boom");

        AssertionError failure = assertThrows(AssertionError.class, () -> Property.check(123L, 1000, sample -> {
            long value = sample.draw(Gen.longs(0, 1_000_000));
            String text = sample.draw(Gen.constant("a\"b\u0000"));
            if (value > 999_000 && text.length() == 4) {
                throw cause;
            }
        }));

        String message = failure.getMessage();
        assertTrue(message.startsWith("Property failed at try "), message);
        assertTrue(message.contains(" of 1000 with seed 123 (replay: -Dtestsupport.seed=123)"), message);
        assertTrue(message.contains("  value 2: \"a\\\"b\\u0000\""), message);
        assertTrue(message.contains("failure: java.lang.IllegalStateException: boom"), message);
        assertSame(cause, failure.getCause());
    }

    @Test
    void theSeedComesFromTheSystemPropertyInDecimalOrHex() {
        String before = System.getProperty(Property.SEED_PROPERTY);
        try {
            System.clearProperty(Property.SEED_PROPERTY);
            assertEquals(Property.DEFAULT_SEED, Property.seed());
            System.setProperty(Property.SEED_PROPERTY, "987654321");
            assertEquals(987_654_321L, Property.seed());
            System.setProperty(Property.SEED_PROPERTY, "0x1F");
            assertEquals(31L, Property.seed());
            System.setProperty(Property.SEED_PROPERTY, "soon");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, Property::seed);
            assertTrue(bad.getMessage().contains("-Dtestsupport.seed=\"soon\""), bad.getMessage());
        } finally {
            System.clearProperty(Property.SEED_PROPERTY);
            if (before != null) { // as it was
                System.setProperty(Property.SEED_PROPERTY, before);
            }
        }
    }

    @Test
    void longValuesAreCutInTheMessage() {
        String rendered = Property.render("x".repeat(5000));

        assertTrue(rendered.length() < 600, rendered);
        assertTrue(rendered.endsWith("... (5002 characters)"), rendered);
        assertEquals("[1, -2]", Property.render(new byte[] {1, -2}));
        assertEquals("[\"a\", {\"k\"=\"\\u000a\"}]", Property.render(List.of("a", java.util.Map.of("k", "\n"))));
    }
}
