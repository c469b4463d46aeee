package org.tokenrefresh.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is the registry's: each key declared once in {@link Keys} with its
 * default and description. When they disagree, this test prints the table to paste.
 */
class KeysReadmeTest {

    static String table() {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (Key<?> key : Keys.all()) {
            table.append("| `").append(key.fullName()).append("` | ").append(key.defaultText()).append(" | ")
                    .append(key.description()).append(" |\n");
        }
        return table.toString();
    }

    @Test
    void readmeConfigurationTableIsTheKeyRegistry() throws IOException {
        Path readme = Path.of("../README.md");
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            if (line.equals("| key | default | meaning |")) {
                inTable = true;
            }
            if (inTable) {
                if (!line.startsWith("|")) {
                    break;
                }
                rows.add(line);
            }
        }
        assertEquals(table(), String.join("\n", rows) + "\n",
                "README.md's configuration table differs from Keys; the table the registry gives is above");
    }
}
