package com.example.orders;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Every API call needs a valid access token in the {@code authToken} cookie: signature, issuer and expiry
 * are checked. Anything else gets 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}
 * (RFC 6750 §3.1). The verified token is in the request property {@link #TOKEN}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessTokenFilter implements ContainerRequestFilter {

    static final String TOKEN = AccessToken.class.getName();

    private final JwtVerifier verifier = JwtVerifier.fromConfig();

    @Override
    public void filter(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(OrdersConfig.ACCESS_COOKIE);
        AccessToken token;
        try {
            token = verifier.verify(cookie == null ? null : cookie.getValue());
        } catch (JwtVerifier.InvalidTokenException e) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                            + e.getMessage() + "\"")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Json.createObjectBuilder().add("error", "invalid_token")
                            .add("message", e.getMessage()).build().toString())
                    .build());
            return;
        }
        request.setProperty(TOKEN, token);
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return token::subject;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
