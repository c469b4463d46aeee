package org.tokenrefresh.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Records what a {@code java.util.logging} logger (and its children) publishes, from {@link #of} until
 * {@link #close()}. Holds the logger, so that its level and this handler survive garbage collection.
 *
 * <pre>
 * try (LogCapture log = LogCapture.of("org.tokenrefresh", Level.ALL)) {
 *     ...
 *     assertEquals(1, log.messages(Level.WARNING).size());
 * }
 * </pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger, Level level) {
        this.logger = logger;
        this.previous = logger.getLevel();
        setLevel(Level.ALL);
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addHandler(this);
    }

    /** Captures the named logger's records from now on; {@code level} (may be null) is set on it until closed. */
    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(Logger.getLogger(loggerName), level);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Every record so far. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The formatted messages of the records at {@code level} or above. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(r -> r.getParameters() == null ? r.getMessage() : java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                .collect(Collectors.toList());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
