package org.tokenrefresh.container.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application's plain-text pages. {@code /api/*} is the protected API behind {@link AppAuthFilter}: it answers
 * with the access token it was given, so a test sees what the application saw. {@code /app/ready} answers once the
 * application is deployed; {@code /app/rejections} counts the 401s of the application's own token check
 * ({@link AppAuthFilter}, {@link FormServlet}).
 */
@WebServlet({"/api/*", "/app/*"})
public class AppServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        if ("/api".equals(request.getServletPath())) {
            response.getWriter().write("token=" + AppAuthFilter.cookie(request, "authToken") + "\n");
        } else if ("/rejections".equals(request.getPathInfo())) {
            response.getWriter().write(String.valueOf(AppAuthFilter.REJECTIONS.get()));
        } else if ("/ready".equals(request.getPathInfo())) {
            response.getWriter().write("ready");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
