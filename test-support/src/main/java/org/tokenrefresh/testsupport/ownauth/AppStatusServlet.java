package org.tokenrefresh.testsupport.ownauth;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application's own status endpoint, whose {@code user} field the seed's pages read. */
@WebServlet(AppStatusServlet.PATH)
public class AppStatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the application serves it: the library's default status path. */
    public static final String PATH = "/api/auth/status";
    /** What it answers, always. */
    public static final String BODY = "{\"authenticated\":true,\"user\":\"demo\"}";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write(BODY);
    }
}
