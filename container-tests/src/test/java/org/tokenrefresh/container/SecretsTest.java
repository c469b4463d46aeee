package org.tokenrefresh.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the log hygiene scan counts as a leak, and what it does not. */
class SecretsTest {

    private static final String REFRESH = "Qk1Cv3u7oJ0rW5pYx2LhT9sNfE4aZg8KdUiM1cVbR6w";

    @Test
    void findsASecretWholeOrAsAFragmentOfTwentyCharacters() {
        Secrets secrets = new Secrets();
        secrets.add("refresh token", REFRESH);
        assertEquals(List.of("refresh token"), names(secrets.findIn("refreshing with " + REFRESH + " now")));
        assertEquals(List.of("fragment of refresh token"), names(secrets.findIn("x" + REFRESH.substring(5, 25) + "y")));
        assertEquals(List.of(), names(secrets.findIn("x" + REFRESH.substring(5, 24) + "y")), "19 characters are not a fragment");
        assertEquals(List.of(), names(secrets.findIn("Refreshed session 3f2a9c01b4de (PROACTIVE)")));
    }

    @Test
    void findsTheShapesOfRefreshBodiesJwtsAndCredentialsButNotWordsAboutThem() {
        Secrets none = new Secrets();
        assertEquals(List.of("shape 'refresh_token='"), names(none.findIn("grant_type=refresh_token&refresh_token=")));
        assertEquals(List.of("shape '\"refreshToken\"'"), names(none.findIn("{\"refreshToken\":\"...\"}")));
        assertEquals(1, names(none.findIn("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.sig")).size());
        assertEquals(1, names(none.findIn("Authorization: Bearer abc.def-123456789012")).size());
        assertEquals(1, names(none.findIn("Authorization: Basic bWF0cml4LWNsaWVudDpzZWNyZXQ=")).size());
        assertEquals(List.of(), names(none.findIn("refresh cookie refreshToken, client-auth Basic authentication, Bearer authentication")));
    }

    @Test
    void takesTheSecretsOfAnExchangeCookiesAndBasicCredentials() {
        Secrets secrets = new Secrets();
        String basic = Base64.getEncoder().encodeToString("matrix-client:s3cret%2Bvalue".getBytes(StandardCharsets.UTF_8));
        secrets.addExchange(new Wiretap.Exchange("POST", "/oauth2/token", "Basic " + basic,
                "grant_type=refresh_token&refresh_token=" + REFRESH, 200,
                "{\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.sig\",\"refresh_token\":\"next-refresh-token\"}"));
        secrets.addCookieHeader("authToken=a.b.c; refreshToken=" + REFRESH + "; refreshToken-mac=mac-value; authToken-exp=1790000000");
        assertEquals(Map.of("Authorization header", 1, "Basic credentials", 1, "client id:secret", 1, "client secret", 1,
                "refresh token", 2, "access token", 2, "vouching MAC", 1), secrets.countsByKind());
        assertEquals(List.of("client secret"), names(secrets.findIn("secret s3cret+value")));
        assertEquals(List.of(), names(secrets.findIn("expires 1790000000")), "the expiry cookie is no secret");
    }

    private static List<String> names(List<Secrets.Finding> findings) {
        return findings.stream().map(Secrets.Finding::toString).toList();
    }
}
