package org.tokenrefresh.container;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads server logs in the formats of the matrix's servers. */
final class ServerLogs {

    /** A level token: WildFly, Payara and JUL spell it out; Liberty writes one letter after the logger. */
    private static final Pattern WARNING_OR_WORSE = Pattern.compile("\\b(WARN|WARNING|SEVERE|ERROR|FATAL)\\b|\\s[WE]\\s");
    private static final Pattern ANSI_COLOUR = Pattern.compile("\u001B\\[[;\\d]*m");

    private ServerLogs() {
    }

    /**
     * Lines at warning or error level that name the library ({@code tokenrefresh}): {@code WARN}/{@code ERROR}
     * (WildFly), {@code WARNING}/{@code SEVERE} (Payara, and java.util.logging's two-line format on Tomcat and
     * Jetty, whose logger is on the line before), {@code W}/{@code E} (Open Liberty).
     */
    static List<String> libraryWarnings(String log) {
        List<String> lines = ANSI_COLOUR.matcher(log).replaceAll("").lines().toList();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean julLevelLine = line.startsWith("WARNING:") || line.startsWith("SEVERE:");
            String logged = julLevelLine && i > 0 ? lines.get(i - 1) + " " + line : line;
            if (logged.contains("tokenrefresh") && WARNING_OR_WORSE.matcher(logged).find()) {
                found.add(logged);
            }
        }
        return found;
    }
}
