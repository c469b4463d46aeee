package com.example.orders;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * The two session cookies, written the way this application always did at login: HttpOnly (no script
 * reads them), SameSite=Lax, Secure over HTTPS, Path=/.
 */
final class SessionCookies {

    private static final int ACCESS_MAX_AGE = (int) Duration.ofDays(7).getSeconds();
    private static final int REFRESH_MAX_AGE = (int) Duration.ofDays(30).getSeconds();

    private SessionCookies() {
    }

    static String accessToken(HttpServletRequest request) {
        return value(request, OrdersConfig.ACCESS_COOKIE);
    }

    static String refreshToken(HttpServletRequest request) {
        return value(request, OrdersConfig.REFRESH_COOKIE);
    }

    static void write(HttpServletRequest request, HttpServletResponse response, AuthServerClient.Tokens tokens) {
        response.addCookie(cookie(request, OrdersConfig.ACCESS_COOKIE, tokens.accessToken(), ACCESS_MAX_AGE));
        response.addCookie(cookie(request, OrdersConfig.REFRESH_COOKIE, tokens.refreshToken(), REFRESH_MAX_AGE));
    }

    static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(cookie(request, OrdersConfig.ACCESS_COOKIE, "", 0));
        response.addCookie(cookie(request, OrdersConfig.REFRESH_COOKIE, "", 0));
    }

    private static Cookie cookie(HttpServletRequest request, String name, String value, int maxAge) {
        Cookie cookie = new Cookie(name, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/");
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }

    private static String value(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
