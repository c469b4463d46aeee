package org.tokenrefresh.container.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A form handler that reads the whole body first and checks the token afterwards, answering 401 when it is
 * bad: a replay after refresh must give it the body again, from what the library buffered.
 */
@WebServlet("/form")
public class FormServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String token = AppAuthFilter.cookie(request, "authToken");
        if (token == null || !AppAuthFilter.valid(token)) {
            AppAuthFilter.REJECTIONS.incrementAndGet();
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("token=" + token + "\nbody=" + body + "\n");
    }
}
