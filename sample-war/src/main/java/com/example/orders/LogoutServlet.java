package com.example.orders;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code POST /logout}: ends the session at the auth server, clears the cookies, back to the sign-in page. */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(LogoutServlet.class.getName());

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            AccessToken token = JwtVerifier.fromConfig().verify(SessionCookies.accessToken(request));
            if (token.sessionId() != null) {
                AuthServerClient.fromConfig().logout(token.sessionId());
            }
        } catch (JwtVerifier.InvalidTokenException e) {
            // nothing to end at the auth server
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Sign-out at the auth server failed: " + e);
        }
        SessionCookies.clear(request, response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/login?loggedOut=1");
    }
}
