package org.tokenrefresh.internal.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Holds back a 401 from the application so that the filter can refresh and replay instead. While armed,
 * {@code setStatus(401)} and {@code sendError(401)} are recorded, not passed on, and what the application
 * writes afterwards is kept (up to {@code maxHeld} bytes). Everything else passes through.
 *
 * <p>After the chain, the filter either replays (the held answer is dropped) or calls
 * {@link #releaseHeld()}, which sends the application's 401 as it was. If the application writes more than
 * {@code maxHeld} or flushes, the 401 is released at once and replay is no longer possible.
 */
public final class UnauthorizedResponse extends HttpServletResponseWrapper {

    private final int maxHeld;
    private boolean armed = true;
    private boolean held;
    private boolean viaSendError;
    private String errorMessage;
    private ByteArrayOutputStream heldBytes;
    private CharArrayWriter heldChars;
    private PrintWriter heldWriter;
    private ServletOutputStream heldStream;

    public UnauthorizedResponse(HttpServletResponse response, int maxHeld) {
        super(response);
        this.maxHeld = maxHeld;
    }

    /** Whether a 401 is being held back. */
    public synchronized boolean isHeld() {
        return held;
    }

    /** Stops intercepting; a held 401 stays held until {@link #releaseHeld()}. */
    public synchronized void disarm() {
        armed = false;
    }

    @Override
    public synchronized void setStatus(int sc) {
        if (armed && sc == SC_UNAUTHORIZED && !getResponse().isCommitted()) {
            hold(false, null);
            return;
        }
        if (held && armed) {
            held = false; // the application changed its mind before writing anything final
        }
        super.setStatus(sc);
    }

    @Override
    public synchronized void sendError(int sc) throws IOException {
        if (armed && sc == SC_UNAUTHORIZED && !getResponse().isCommitted()) {
            hold(true, null);
            return;
        }
        super.sendError(sc);
    }

    @Override
    public synchronized void sendError(int sc, String msg) throws IOException {
        if (armed && sc == SC_UNAUTHORIZED && !getResponse().isCommitted()) {
            hold(true, msg);
            return;
        }
        super.sendError(sc, msg);
    }

    private void hold(boolean sendError, String message) {
        held = true;
        viaSendError = sendError;
        errorMessage = message;
    }

    @Override
    public synchronized int getStatus() {
        return held ? SC_UNAUTHORIZED : super.getStatus();
    }

    @Override
    public synchronized boolean isCommitted() {
        // after sendError the application must see a committed response, as the spec promises
        return (held && viaSendError) || super.isCommitted();
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (!held) {
            return super.getOutputStream();
        }
        if (heldStream == null) {
            heldBytes = new ByteArrayOutputStream();
            heldStream = new HeldStream();
        }
        return heldStream;
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (!held) {
            return super.getWriter();
        }
        if (heldWriter == null) {
            heldChars = new CharArrayWriter();
            heldWriter = new PrintWriter(new HeldWriter());
        }
        return heldWriter;
    }

    @Override
    public synchronized void flushBuffer() throws IOException {
        if (held) {
            releaseHeld();
        }
        super.flushBuffer();
    }

    @Override
    public synchronized void reset() {
        dropHeld();
        super.reset();
    }

    @Override
    public synchronized void resetBuffer() {
        if (heldBytes != null) {
            heldBytes.reset();
        }
        if (heldChars != null) {
            heldChars.reset();
        }
        super.resetBuffer();
    }

    /** Forgets the held answer (before a replay). */
    public synchronized void dropHeld() {
        held = false;
        heldBytes = null;
        heldChars = null;
        heldWriter = null;
        heldStream = null;
    }

    /** Sends the held 401 to the client as the application wrote it, and stops intercepting. */
    public synchronized void releaseHeld() throws IOException {
        armed = false;
        if (!held) {
            return;
        }
        held = false;
        HttpServletResponse real = (HttpServletResponse) getResponse();
        if (viaSendError) {
            if (errorMessage == null) {
                real.sendError(SC_UNAUTHORIZED);
            } else {
                real.sendError(SC_UNAUTHORIZED, errorMessage);
            }
            return;
        }
        real.setStatus(SC_UNAUTHORIZED);
        if (heldChars != null) {
            CharArrayWriter chars = heldChars;
            heldChars = null;
            PrintWriter out = real.getWriter();
            chars.writeTo(out);
        }
        if (heldBytes != null) {
            heldBytes.writeTo(real.getOutputStream());
        }
        dropHeld();
    }

    private void overflowCheck() {
        int size = (heldBytes == null ? 0 : heldBytes.size()) + (heldChars == null ? 0 : heldChars.size());
        if (size > maxHeld) {
            try {
                releaseHeld();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Character output after a held 401; passes through once the 401 is released. */
    private final class HeldWriter extends java.io.Writer {
        @Override
        public void write(char[] c, int off, int len) throws IOException {
            synchronized (UnauthorizedResponse.this) {
                if (heldChars == null) {
                    UnauthorizedResponse.super.getWriter().write(c, off, len);
                    return;
                }
                heldChars.write(c, off, len);
                overflowCheck();
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (UnauthorizedResponse.this) {
                if (heldChars == null && !held) {
                    UnauthorizedResponse.super.getWriter().flush();
                }
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Output after a held 401. */
    private final class HeldStream extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (UnauthorizedResponse.this) {
                if (heldBytes == null) {
                    // released meanwhile: pass through
                    UnauthorizedResponse.super.getOutputStream().write(b, off, len);
                    return;
                }
                heldBytes.write(b, off, len);
                overflowCheck();
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("non-blocking output is not supported after a held 401");
        }
    }
}
