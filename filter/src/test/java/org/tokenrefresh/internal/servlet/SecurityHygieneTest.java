package org.tokenrefresh.internal.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testing.FakeHttp;
import org.tokenrefresh.testsupport.LogCapture;

/** The smaller leaks of the security audit: what the library says about its own configuration and transport. */
class SecurityHygieneTest {

    private static TokenRefreshSettings settings(String backend) {
        return TokenRefreshSettings.of(Map.of("backend-url", backend));
    }

    @Test
    void loggedBackendUrlHidesUserInfoAndQuery() {
        TokenRefreshSettings s = settings("https://app:s3cret@auth.example.com:8443/token?client_secret=abc#x");
        assertEquals("https://***@auth.example.com:8443/token?***", TokenRefreshSettings.redacted(s.backendUrl()));
        assertFalse(s.toString().contains("s3cret") || s.toString().contains("abc"), s.toString());
        assertEquals("http://127.0.0.1:9/r", TokenRefreshSettings.redacted(URI.create("http://127.0.0.1:9/r")));
    }

    @Test
    void plainHttpBackendOnAnotherHostGivesAWarningLoopbackAndHttpsDoNot() {
        try (LogCapture log = LogCapture.of("org.tokenrefresh.TokenRefreshFilter", null)) {
            FilterSetup.warnAboutTransport(settings("http://auth.example.com/refresh?k=v"));
            FilterSetup.warnAboutTransport(settings("http://127.0.0.1:8080/refresh"));
            FilterSetup.warnAboutTransport(settings("http://localhost/refresh"));
            FilterSetup.warnAboutTransport(settings("https://auth.example.com/refresh"));
            assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.ALL).toString());
            assertTrue(log.messages(Level.WARNING).get(0).contains("http://auth.example.com/refresh?***"));
        }
    }

    @Test
    void autoSecureCookiesOnAPlainHttpRequestWarnOnceAndPointToForwardedHeaders() {
        CookieWriter writer = new CookieWriter(settings("http://127.0.0.1:1/r"), Vouching.random());
        try (LogCapture log = LogCapture.of(CookieWriter.class.getName(), null)) {
            for (int i = 0; i < 3; i++) {
                writer.write(new FakeHttp.Request().build(), new FakeHttp.Response().build(), new TokenPair("a", "r", 0, 0));
            }
            FakeHttp.Request https = new FakeHttp.Request();
            https.secure = true;
            writer.write(https.build(), new FakeHttp.Response().build(), new TokenPair("a", "r", 0, 0));
            assertEquals(1, log.messages(Level.WARNING).size());
            assertTrue(log.messages(Level.WARNING).get(0).contains("RemoteIpValve"), log.messages(Level.WARNING).get(0));
        }
    }
}
