package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's "Testing your application" is the kit as it is: its examples are the tests that run, its API table the public types. */
class ReadmeTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    private static String section() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Testing your application");
        assertTrue(start >= 0, "README section 'Testing your application'");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void everyExampleInTheReadmeIsATestOfTheBuildVerbatim() throws IOException {
        Matcher examples = EXAMPLE.matcher(section());
        List<String> files = new ArrayList<>();
        while (examples.find()) {
            Path file = ROOT.resolve(examples.group(1));
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), examples.group(2), "README copy of " + file);
            files.add(file.getFileName().toString());
        }
        assertEquals(List.of("OrdersExampleTest.java", "OrdersArquillianIT.java"), files);
    }

    @Test
    void theCompleteExampleIsThirtyLinesOrFewer() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/org/tokenrefresh/testing/example/OrdersExampleTest.java"));
        assertTrue(lines.size() <= 30, lines.size() + " lines");
    }

    @Test
    void theApiTableListsExactlyThePublicTypes() throws Exception {
        Set<String> listed = new TreeSet<>();
        Matcher rows = Pattern.compile("(?m)^\\| `([A-Za-z.]+)` \\|").matcher(section());
        while (rows.find()) {
            listed.add(rows.group(1));
        }

        Set<String> published = new TreeSet<>();
        Path classes = Path.of(MockAuth.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/tokenrefresh/testing");
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$") || name.equals("package-info.class")) {
                    continue;
                }
                Class<?> type = Class.forName("org.tokenrefresh.testing." + name.substring(0, name.length() - 6));
                if (Modifier.isPublic(type.getModifiers())) {
                    published.add(type.getSimpleName());
                    for (Class<?> nested : type.getClasses()) {
                        if (nested.getDeclaringClass() == type) {
                            published.add(type.getSimpleName() + "." + nested.getSimpleName());
                        }
                    }
                }
            }
        }

        assertEquals(published, listed);
    }
}
