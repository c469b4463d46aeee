package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The drop-in claim: the application's code and pages never name the library. Only the mock auth server
 * ({@code org.tokenrefresh.mockauth}), deployed beside it, is referred to; the library is configured by
 * properties alone.
 */
class DropInTest {

    private static final Pattern LIBRARY = Pattern.compile("org\\.tokenrefresh\\.(?!mockauth\\b)\\w+");

    @Test
    void noApplicationSourceOrPageNamesTheLibrary() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/main/webapp")))) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        assertTrue(files.size() > 10, "sources found: " + files);
        List<String> mentions = files.stream().flatMap(DropInTest::mentions).collect(Collectors.toList());
        assertEquals(List.of(), mentions);
    }

    @Test
    void theLibraryIsConfiguredByPropertiesOnly() throws IOException {
        String config = Files.readString(Path.of("src/main/resources/META-INF/microprofile-config.properties"));
        assertTrue(config.contains("tokenrefresh.backend-url="), config);
        assertTrue(config.contains("tokenrefresh.login-url=/login?expired=1"), config);
        assertTrue(config.contains("mockauth.access-ttl=60s"), "demo token lifetime: " + config);
    }

    private static Stream<String> mentions(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = LIBRARY.matcher(text);
        Stream.Builder<String> found = Stream.builder();
        while (m.find()) {
            found.add(file + ": " + m.group());
        }
        return found.build();
    }
}
