package org.tokenrefresh.testsupport.ownauth;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application's own logout: clears both token cookies ({@code Max-Age=0}). */
@WebServlet(AppLogoutServlet.PATH)
public class AppLogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    public static final String PATH = "/logout";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        for (String name : new String[] {AppRefreshServlet.ACCESS_COOKIE, AppRefreshServlet.REFRESH_COOKIE}) {
            Cookie cookie = new Cookie(name, "");
            cookie.setMaxAge(0);
            cookie.setPath("/");
            response.addCookie(cookie);
        }
        response.setContentType("text/plain");
        response.getWriter().write("bye");
    }
}
