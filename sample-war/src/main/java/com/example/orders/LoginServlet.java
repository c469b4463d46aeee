package com.example.orders;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sign-in page. {@code GET} shows the form (with a notice for {@code ?expired}, {@code ?loggedOut});
 * {@code POST} signs in at the auth server and sets the two HttpOnly session cookies.
 */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(LoginServlet.class.getName());

    static final String SESSION_EXPIRED = "Session expired. Please log in again.";
    static final String LOGGED_OUT = "You have signed out.";
    static final String BAD_CREDENTIALS = "Invalid username or password.";
    static final String UNAVAILABLE = "The sign-in service is not available. Please try again.";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (request.getParameter("expired") != null) {
            request.setAttribute("notice", SESSION_EXPIRED);
            request.setAttribute("noticeKind", "warning");
        } else if (request.getParameter("loggedOut") != null) {
            request.setAttribute("notice", LOGGED_OUT);
            request.setAttribute("noticeKind", "info");
        }
        show(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String username = trim(request.getParameter("username"));
        String password = request.getParameter("password");
        request.setAttribute("username", username);
        if (username.isEmpty() || password == null || password.isEmpty()) {
            fail(request, response, BAD_CREDENTIALS);
            return;
        }
        AuthServerClient.Tokens tokens;
        try {
            tokens = AuthServerClient.fromConfig().login(username, password);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Sign-in failed: " + e);
            fail(request, response, UNAVAILABLE);
            return;
        }
        if (tokens == null) {
            fail(request, response, BAD_CREDENTIALS);
            return;
        }
        SessionCookies.write(request, response, tokens);
        // 303: the browser follows with a GET, and a reload does not post the password again
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/dashboard");
    }

    private static void fail(HttpServletRequest request, HttpServletResponse response, String message)
            throws ServletException, IOException {
        request.setAttribute("notice", message);
        request.setAttribute("noticeKind", "error");
        show(request, response);
    }

    private static void show(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/views/login.jsp").forward(request, response);
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
