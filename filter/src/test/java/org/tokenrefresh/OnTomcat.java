package org.tokenrefresh;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** A test class that runs each test against one {@link TomcatHarness}, closed after the test. */
abstract class OnTomcat {

    TomcatHarness harness;

    /** Starts a harness with these settings ({@code key, value, key, value, ...}) over the harness's defaults. */
    TomcatHarness start(String... keyValues) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return start(settings, new TomcatHarness.Options());
    }

    TomcatHarness start(Map<String, String> settings, TomcatHarness.Options options) throws Exception {
        harness = new TomcatHarness(settings, options).start();
        return harness;
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }
}
