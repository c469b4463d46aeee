package org.tokenrefresh.internal.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.BackendAnswer;

/**
 * Talks to the auth backend over Apache HttpClient 5: pooled connections, connect and response timeouts,
 * and <em>no automatic retries</em> (its default retries 429/503 even for POST, which would send a
 * single-use refresh token twice). Retrying is the engine's decision, from the {@link BackendAnswer}.
 */
public final class AuthBackendClient implements AuthBackend {

    private static final Logger LOG = Logger.getLogger(AuthBackendClient.class.getName());
    /** Answers larger than this are not refresh answers. */
    static final int MAX_BODY = 64 * 1024;

    private final TokenRefreshSettings settings;
    private final RefreshProtocol protocol;
    private final Clock clock;
    private final CloseableHttpClient http;

    public AuthBackendClient(TokenRefreshSettings settings, Clock clock) {
        HttpClientLogging.secure();
        this.settings = settings;
        this.protocol = RefreshProtocol.of(settings);
        this.clock = clock;
        Timeout connect = Timeout.ofMilliseconds(settings.connectTimeout().toMillis());
        Timeout response = Timeout.ofMilliseconds(settings.responseTimeout().toMillis());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(64)
                        .setMaxConnPerRoute(64)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                // a stale keep-alive connection would fail after sending: check it first
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response)
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent("token-refresh-jakarta")
                .build();
    }

    @Override
    public BackendAnswer refresh(TokenPair current) {
        ClassicHttpRequest request = protocol.request(current);
        try {
            return http.execute(request, response -> {
                Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
                String body;
                try {
                    body = readBody(response.getEntity());
                } catch (BodyTooLargeException e) {
                    String detail = "answer larger than " + MAX_BODY + " bytes";
                    // a 2xx may have consumed the token: its answer is lost, the token never sent again
                    return response.getCode() / 100 == 2 ? BackendAnswer.lost(detail) : BackendAnswer.serverError(response.getCode(), detail);
                }
                return protocol.answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue(),
                        body, current, clock.instant());
            });
        } catch (ConnectException | ConnectTimeoutException | UnknownHostException | NoRouteToHostException e) {
            return BackendAnswer.notSent("cannot connect to the auth backend: " + e.getClass().getSimpleName());
        } catch (org.apache.hc.core5.http.ConnectionRequestTimeoutException e) {
            return BackendAnswer.overloaded("no free connection to the auth backend in this JVM");
        } catch (InterruptedIOException e) {
            return BackendAnswer.lost("no answer within " + settings.responseTimeout().toMillis() + " ms after sending");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Refresh call failed after sending", e);
            return BackendAnswer.lost("connection failed after sending: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean probe() {
        HttpGet get = new HttpGet(settings.backendUrl());
        try {
            int status = http.execute(get, response -> response.getCode());
            return status < 500 && status != 429;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String readBody(HttpEntity entity) throws IOException, BodyTooLargeException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return "";
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > MAX_BODY) {
                    throw new BodyTooLargeException();
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class BodyTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
        LOG.fine("Auth backend client closed");
    }

}
