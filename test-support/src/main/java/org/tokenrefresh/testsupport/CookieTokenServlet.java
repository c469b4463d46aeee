package org.tokenrefresh.testsupport;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A legacy-style protected resource: reads the access token from its cookie, as such applications do, and counts
 * the requests it served and the ones it refused. Subclasses decide whether the token is good and answer.
 */
public abstract class CookieTokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Requests served, refused ones included. */
    public final AtomicInteger invocations = new AtomicInteger();
    /** Requests refused; a subclass counts one before it answers 401, so that a client that saw the 401 sees it counted. */
    public final AtomicInteger unauthorized = new AtomicInteger();
    private final String cookieName;

    protected CookieTokenServlet(String cookieName) {
        this.cookieName = cookieName;
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        invocations.incrementAndGet();
        String token = null;
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (cookieName.equals(cookie.getName())) {
                    token = cookie.getValue(); // the last one, as the applications of the seed read it
                }
            }
        }
        answer(request, response, token);
    }

    /** Answers a request that carried this access token, {@code null} when it had no token cookie. */
    protected abstract void answer(HttpServletRequest request, HttpServletResponse response, String token) throws IOException;
}
