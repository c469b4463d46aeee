package org.tokenrefresh.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on rejected settings, shared by the tests of this package. */
final class SettingsAssertions {

    private SettingsAssertions() {
    }

    /** Asserts exactly {@code count} problems, and a message that contains every given fragment. */
    static void assertProblems(InvalidSettingsException e, int count, String... fragments) {
        assertEquals(count, e.problems().size(), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in " + e.getMessage());
        }
    }
}
