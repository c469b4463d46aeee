package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Keycloak the other tests rely on: it listens on loopback only, and its realm really treats refresh
 * tokens as single-use, so that the other tests' "no REFRESH_TOKEN_ERROR" means "no refresh token was sent
 * twice".
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakServerIT {

    @Test
    void keycloakListensOnLoopbackOnly(KeycloakApi keycloak) throws IOException {
        List<Listener> listeners = listeners(keycloak.server().processes());
        int httpPort = keycloak.server().port();
        assertTrue(listeners.stream().anyMatch(l -> l.protocol().startsWith("tcp") && l.port() == httpPort),
                "the HTTP port " + httpPort + " is among Keycloak's listening sockets " + listeners);
        for (Listener listener : listeners) {
            assertTrue(listener.address().isLoopbackAddress(), "Keycloak listens beyond loopback: " + listener + " (all: " + listeners + ")");
        }
    }

    @Test
    void secondUseOfARefreshTokenIsRefusedAndEndsTheSession(KeycloakApi keycloak) throws InterruptedException {
        Tokens login = keycloak.login(KeycloakRealm.user(1));
        assertEquals(KeycloakRealm.ACCESS_TOKEN_SECONDS, login.expiresAt() - login.issuedAt(), "the realm's access token lifespan");

        HttpResponse<String> first = keycloak.refresh(login.refreshToken());
        assertEquals(200, first.statusCode(), first.body());
        String successor = KeycloakApi.read(first.body()).path("refresh_token").asText();
        assertNotEquals(login.refreshToken(), successor, "Revoke Refresh Token: every refresh answer carries a new refresh token");

        HttpResponse<String> reuse = keycloak.refresh(login.refreshToken());
        assertEquals(400, reuse.statusCode(), reuse.body());
        assertEquals("invalid_grant", KeycloakApi.read(reuse.body()).path("error").asText(), reuse.body());

        // A reuse costs the user the session: the successor, never used, no longer works either.
        HttpResponse<String> afterReuse = keycloak.refresh(successor);
        assertEquals(400, afterReuse.statusCode(), afterReuse.body());
        assertEquals("invalid_grant", KeycloakApi.read(afterReuse.body()).path("error").asText(), afterReuse.body());

        List<JsonNode> errors = keycloak.sessionEvents("REFRESH_TOKEN_ERROR", login.sessionId(), 2);
        assertEquals(2, errors.size(), "both refusals are REFRESH_TOKEN_ERROR events of the session: " + errors);
        assertTrue(errors.stream().anyMatch(e -> e.path("details").path("reason").asText().contains("reuse")),
                "one names the reuse: " + errors);
    }

    /** A listening TCP socket or a bound UDP socket. */
    record Listener(String protocol, InetAddress address, int port) {
        @Override
        public String toString() {
            return protocol + " " + address.getHostAddress() + ":" + port;
        }
    }

    /** The sockets the processes listen on, from Linux's /proc: their fds' socket inodes, matched in /proc/net. */
    private static List<Listener> listeners(List<ProcessHandle> processes) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (ProcessHandle process : processes) {
            Path fds = Path.of("/proc", Long.toString(process.pid()), "fd");
            try (Stream<Path> entries = Files.list(fds)) {
                for (Path fd : entries.toList()) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // the fd was closed while we listed them
                    }
                }
            }
        }
        assertFalse(inodes.isEmpty(), "no socket found under /proc/<pid>/fd of " + processes);
        List<Listener> found = new ArrayList<>();
        found.addAll(sockets("tcp", "0A", inodes));   // 0A: LISTEN
        found.addAll(sockets("tcp6", "0A", inodes));
        found.addAll(sockets("udp", "07", inodes));   // 07: unconnected, i.e. bound and receiving
        found.addAll(sockets("udp6", "07", inodes));
        return found;
    }

    private static List<Listener> sockets(String protocol, String state, Set<String> inodes) throws IOException {
        List<Listener> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/net", protocol));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields[3].equals(state) && inodes.contains(fields[9])) {
                String[] local = fields[1].split(":");
                found.add(new Listener(protocol, address(local[0]), Integer.parseInt(local[1], 16)));
            }
        }
        return found;
    }

    /** /proc/net writes an address as 32-bit words in host (little-endian) order. */
    private static InetAddress address(String hex) throws IOException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(address);
    }
}
