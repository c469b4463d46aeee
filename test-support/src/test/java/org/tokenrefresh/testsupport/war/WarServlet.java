package org.tokenrefresh.testsupport.war;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Found by Tomcat's annotation scan of the test WAR: shows what the initializers and the context parameters set. */
@WebServlet("/war")
public class WarServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write(getServletContext().getAttribute(WarInitializer.class.getName()) + " "
                + getServletContext().getAttribute(ClassPathInitializer.class.getName()) + " "
                + getServletContext().getInitParameter("self"));
    }
}
