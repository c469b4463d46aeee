package org.tokenrefresh.internal.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a copy of the request body as the application reads it, up to {@code maxBody} bytes, so that the
 * request can be replayed after a 401. The body is never read ahead: an application that never reads it
 * leaves the container's stream untouched (and form parameters parsed by the container stay available to
 * the replay). Once more than {@code maxBody} bytes are read, the copy is dropped and the request is no
 * longer replayable.
 */
public final class ReplayableRequest extends HttpServletRequestWrapper {

    private final int maxBody;
    private boolean overflowed;
    private CapturingStream stream;
    private BufferedReader reader;
    /** What the application read so far (up to {@code maxBody} bytes). */
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public ReplayableRequest(HttpServletRequest request, int maxBody) {
        super(request);
        this.maxBody = maxBody;
    }

    /** Whether everything the application read is still held. */
    public boolean replayable() {
        return !overflowed;
    }

    /** A request for the replay: the captured bytes first, then whatever the application left unread. */
    public HttpServletRequest replay() throws IOException {
        if (overflowed) {
            throw new IllegalStateException("body exceeded replay-max-body and cannot be replayed");
        }
        byte[] prefix = captured.toByteArray();
        if (stream == null && reader == null) {
            return (HttpServletRequest) getRequest();
        }
        InputStream rest = super.getInputStream();
        return new Replay((HttpServletRequest) getRequest(), prefix, rest);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (reader != null) {
            throw new IllegalStateException("getReader() was already called");
        }
        if (stream == null) {
            stream = new CapturingStream(super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (stream != null && reader == null) {
            throw new IllegalStateException("getInputStream() was already called");
        }
        if (reader == null) {
            stream = new CapturingStream(super.getInputStream());
            reader = new BufferedReader(new InputStreamReader(stream, charset(this)));
        }
        return reader;
    }

    static Charset charset(HttpServletRequest request) throws UnsupportedEncodingException {
        String encoding = request.getCharacterEncoding();
        if (encoding == null) {
            return StandardCharsets.ISO_8859_1; // Servlet 6.0 section 3.12 default
        }
        try {
            return Charset.forName(encoding);
        } catch (RuntimeException e) {
            throw new UnsupportedEncodingException(encoding);
        }
    }

    private void capture(byte[] b, int off, int len) {
        if (overflowed || len <= 0) {
            return;
        }
        if (captured.size() + len > maxBody) {
            overflowed = true;
            captured.reset();
            return;
        }
        captured.write(b, off, len);
    }

    /** Copies what the application reads. */
    private final class CapturingStream extends ServletInputStream {
        private final ServletInputStream in;

        CapturingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                capture(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            capture(b, off, n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /** The request as the replay sees it. */
    static final class Replay extends HttpServletRequestWrapper {
        private final ServletInputStream body;
        private BufferedReader reader;
        private boolean streamUsed;

        Replay(HttpServletRequest request, byte[] prefix, InputStream rest) {
            super(request);
            InputStream joined = new java.io.SequenceInputStream(new ByteArrayInputStream(prefix), rest);
            this.body = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = joined.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = joined.read(b, off, len);
                    finished = n < 0;
                    return n;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("a replayed request body is read blocking");
                }

                @Override
                public boolean isReady() {
                    return true; // blocking only (above)
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            if (reader != null) {
                throw new IllegalStateException("getReader() was already called");
            }
            streamUsed = true;
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (streamUsed) {
                throw new IllegalStateException("getInputStream() was already called");
            }
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(body, charset(this)));
            }
            return reader;
        }
    }
}
