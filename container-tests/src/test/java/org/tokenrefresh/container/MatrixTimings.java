package org.tokenrefresh.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tokenrefresh.container.server.ContainerServer;

/** Appends each server's timings to {@code target/matrix/timings.tsv}, for the build's report. */
final class MatrixTimings {

    private MatrixTimings() {
    }

    static synchronized void record(ContainerServer server, long startMillis, long scenariosMillis) {
        Path file = Path.of(System.getProperty("matrix.work", "target/matrix"), "timings.tsv");
        String line = String.join("\t", server.name(), server.version(), server.configuration(),
                String.valueOf(startMillis), String.valueOf(scenariosMillis)) + "\n";
        System.out.print("MATRIX timings (server, version, configuration, start ms, scenarios ms): " + line);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, "server\tversion\tconfiguration\tstart_ms\tscenarios_ms\n");
            }
            Files.writeString(file, line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
