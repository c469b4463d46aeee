package org.tokenrefresh.keycloak;

/**
 * What {@code src/test/resources/keycloak/tokenrefresh-realm.json} sets up, Keycloak's realm for these
 * tests: "Revoke Refresh Token" on with "Refresh Token Max Reuse" 0 (every refresh token is single-use), 10 s
 * access tokens, login and admin events stored, a confidential client allowed the direct access grant (the
 * tests log users in with a password), and users {@code user01} to {@code user32}.
 *
 * <p>Each test class takes its own users, so that logging one out or reading its events never touches
 * another class's sessions.
 */
final class KeycloakRealm {

    static final String NAME = "tokenrefresh";
    static final String CLIENT_ID = "legacy-app";
    /** Holds characters that RFC 6749 section 2.3.1 form-encodes before they go into a Basic header. */
    static final String CLIENT_SECRET = "kc+secret/with=reserved:chars&0123456789";
    static final int ACCESS_TOKEN_SECONDS = 10;
    static final int USERS = 32;

    private KeycloakRealm() {
    }

    /** {@code user01} .. {@code user32}. */
    static String user(int number) {
        if (number < 1 || number > USERS) {
            throw new IllegalArgumentException("the realm has users 1 to " + USERS + ", not " + number);
        }
        return String.format("user%02d", number);
    }

    static String password(String user) {
        return "secret-" + user;
    }
}
