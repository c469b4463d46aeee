package org.tokenrefresh.testing;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A test application's page that shows the context parameter named by {@code ?name=}. */
@WebServlet("/param")
public class ContextParamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write(String.valueOf(getServletContext().getInitParameter(request.getParameter("name"))));
    }
}
