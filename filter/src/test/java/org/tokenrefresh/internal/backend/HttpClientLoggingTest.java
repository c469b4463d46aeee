package org.tokenrefresh.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.testsupport.LogCapture;

/** With the plain jar, HttpClient's wire and header loggers belong to the application: the library warns, once per start. */
class HttpClientLoggingTest {

    private static final TokenRefreshSettings SETTINGS = TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:1/r"));

    @Test
    void wireOrHeaderLoggingAtDebugGivesOneWarningPerStart() {
        assertFalse(HttpClientLogging.relocated(), "the plain classes in this build");
        try (LogCapture library = LogCapture.of(HttpClientLogging.class.getName(), null)) {
            new AuthBackendClient(SETTINGS, Clock.systemUTC()).close();
            assertEquals(0, library.messages(Level.WARNING).size(), "off by default: nothing to say");
            try (LogCapture wire = LogCapture.of(HttpClientLogging.WIRE, Level.FINE)) {
                new AuthBackendClient(SETTINGS, Clock.systemUTC()).close();
            }
            try (LogCapture headers = LogCapture.of(HttpClientLogging.HEADERS, Level.FINEST)) {
                new AuthBackendClient(SETTINGS, Clock.systemUTC()).close();
            }
            assertEquals(2, library.messages(Level.WARNING).size());
            assertTrue(library.messages(Level.WARNING).get(0).contains("write every refresh token"), library.messages(Level.WARNING).get(0));
        }
    }
}
