package org.tokenrefresh.internal.engine;

import java.time.Clock;
import org.tokenrefresh.internal.config.TokenRefreshSettings;

/**
 * What every part of one engine shares: its settings, its clock, and where it counts, warns and tells.
 * Immutable; made once by {@link RefreshEngine}.
 */
final class EngineContext {

    final TokenRefreshSettings settings;
    final Clock clock;
    final RefreshMetrics metrics;
    final Warnings warnings;
    final EventPublisher events;

    EngineContext(TokenRefreshSettings settings, Clock clock, RefreshMetrics metrics, Warnings warnings, EventPublisher events) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.warnings = warnings;
        this.events = events;
    }
}
