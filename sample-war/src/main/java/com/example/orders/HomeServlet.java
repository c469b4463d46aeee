package com.example.orders;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application root: the dashboard when signed in, else the sign-in page. */
@WebServlet("")
public class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean signedIn = SessionCookies.accessToken(request) != null || SessionCookies.refreshToken(request) != null;
        response.sendRedirect(request.getContextPath() + (signedIn ? "/dashboard" : "/login"));
    }
}
