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
                + getServletContext().getAttribute("org.tokenrefresh.testsupport.war.ClassPathInitializer") + " "
                + getServletContext().getInitParameter("self") + " " + visible("org.tokenrefresh.testsupport.Await") + " "
                + visible("jakarta.servlet.Servlet"));
    }

    /** Whether the WAR's class loader finds the class: a class of the test class path must not be found. */
    private static String visible(String className) {
        try {
            Class.forName(className, false, WarServlet.class.getClassLoader());
            return "sees-" + className.substring(className.lastIndexOf('.') + 1);
        } catch (ClassNotFoundException e) {
            return "not-" + className.substring(className.lastIndexOf('.') + 1);
        }
    }
}
