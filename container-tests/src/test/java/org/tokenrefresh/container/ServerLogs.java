package org.tokenrefresh.container;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads server logs in the formats of the matrix's servers. */
final class ServerLogs {

    /**
     * A {@code java.util.logging.SimpleFormatter} format that names the logger ({@code %3$s}) on the line of its
     * record, for a server whose {@code logging.properties} a test writes: {@link #records} reads it back.
     */
    static final String RECORD_FORMAT = "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL %4$s [%3$s] %5$s%6$s%n";
    /** The first line of a record in {@link #RECORD_FORMAT}: time, level, [logger], message. */
    private static final Pattern RECORD_START = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST) \\[([^\\]\\s]*)\\] ?(.*)$");

    /**
     * One log record: its level and logger ({@code ""} for the lines before the first record, such as a start
     * script's output) and its text, the message with the lines that follow it (a stack trace, a multi-line message,
     * anything else written to the same stream before the next record).
     */
    record Entry(String level, String logger, String text) {
    }

    /** A level token: WildFly, Payara and JUL spell it out; Liberty writes one letter after the logger. */
    private static final Pattern WARNING_OR_WORSE = Pattern.compile("\\b(WARN|WARNING|SEVERE|ERROR|FATAL)\\b|\\s[WE]\\s");
    private static final Pattern ANSI_COLOUR = Pattern.compile("\u001B\\[[;\\d]*m");

    private ServerLogs() {
    }

    /** The records of a log written in {@link #RECORD_FORMAT}. */
    static List<Entry> records(String log) {
        List<Entry> entries = new ArrayList<>();
        String level = "";
        String logger = "";
        StringBuilder text = null;
        for (String line : (Iterable<String>) log.lines()::iterator) {
            Matcher start = RECORD_START.matcher(line);
            if (start.matches()) {
                if (text != null) {
                    entries.add(new Entry(level, logger, text.toString()));
                }
                level = start.group(1);
                logger = start.group(2);
                text = new StringBuilder(start.group(3));
            } else if (text == null) {
                text = new StringBuilder(line);
            } else {
                text.append('\n').append(line);
            }
        }
        if (text != null) {
            entries.add(new Entry(level, logger, text.toString()));
        }
        return entries;
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
