package org.tokenrefresh.internal.backend;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.MainClientExec;

/**
 * Keeps Apache HttpClient's wire and header loggers from writing tokens. They log every request body
 * (refresh tokens), every {@code Authorization} header (access tokens, client secrets) and every answer.
 * {@code MainClientExec} logs each request line, with the query a {@code backend-url} may carry (an API key).
 * <ul>
 * <li>In the one-jar drop-in ({@code -all}), HttpClient is relocated under {@code org.tokenrefresh.internal.hc}
 * and logs into {@code java.util.logging} there, as children of {@code org.tokenrefresh}: setting
 * {@code org.tokenrefresh.level = FINE} would switch them on. These three are pinned OFF here, and held, so that
 * the level survives garbage collection of the logger; the rest of HttpClient's debug output (connections, the
 * pool, routes) holds no secret and follows the administrator's levels. {@code LogHygieneIT} (container-tests)
 * proves it on Tomcat with every {@code org.tokenrefresh} logger at {@code ALL}.</li>
 * <li>With the plain jar, HttpClient's own {@code org.apache.hc.client5.http.wire} and {@code .headers} belong
 * to the application's logging set-up: the library leaves them alone and warns once when either is enabled
 * for debug output.</li>
 * </ul>
 */
final class HttpClientLogging {

    private static final Logger LOG = Logger.getLogger(HttpClientLogging.class.getName());
    /** The loggers' base name as this jar sees it: relocated in the -all jar, HttpClient's own otherwise. */
    private static final String BASE = base();
    static final String WIRE = BASE + ".wire";
    static final String HEADERS = BASE + ".headers";
    /** Logs {@code executing POST /path?query} at debug level. */
    static final String REQUEST_LINE = MainClientExec.class.getName();
    private static final Logger[] PINNED = new Logger[3];

    private HttpClientLogging() {
    }

    private static String base() {
        String name = CloseableHttpClient.class.getName();
        return name.substring(0, name.indexOf(".client5.") + ".client5.http".length());
    }

    /** Whether HttpClient is the relocated copy inside the -all jar. */
    static boolean relocated() {
        return BASE.startsWith("org.tokenrefresh.");
    }

    /** Pins the relocated loggers off, or warns (once per client, i.e. per filter start) about the application's own. */
    static synchronized void secure() {
        if (relocated()) {
            PINNED[0] = pin(WIRE);
            PINNED[1] = pin(HEADERS);
            PINNED[2] = pin(REQUEST_LINE);
            return;
        }
        {
            if (debugEnabled(WIRE) || debugEnabled(HEADERS)) {
                LOG.warning("HttpClient's loggers " + WIRE + " / " + HEADERS + " are enabled for debug output: they write every"
                        + " refresh token, access token and client secret sent to the auth backend into the log. Switch them off"
                        + " in the application's logging configuration (or use the -all jar, where they are off).");
            }
        }
    }

    private static Logger pin(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    private static boolean debugEnabled(String name) {
        try {
            return org.slf4j.LoggerFactory.getLogger(name).isDebugEnabled();
        } catch (LinkageError noSlf4j) {
            return false;
        }
    }
}
