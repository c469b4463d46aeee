package org.tokenrefresh.internal.engine;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.spi.RefreshListener;

/**
 * What every part of one engine shares: its settings, its clock, and where it counts, warns and tells; and
 * the engine's one logger. Made once by {@link RefreshEngine}.
 */
final class EngineContext {

    /** Every part of the engine logs under the engine's name, so that one logger level covers them all. */
    static final Logger LOG = Logger.getLogger(RefreshEngine.class.getName());

    final TokenRefreshSettings settings;
    final Clock clock;
    final RefreshMetrics metrics;
    final Warnings warnings;
    final EventPublisher events;

    EngineContext(TokenRefreshSettings settings, Clock clock, List<RefreshListener> listeners) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = new RefreshMetrics();
        this.warnings = new Warnings(LOG, clock);
        this.events = new EventPublisher(clock, metrics, listeners);
    }
}
