package org.tokenrefresh.ee.internal.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshListener;
import org.tokenrefresh.ee.events.TokenRefreshEvent;

/**
 * Turns every engine outcome into a {@link TokenRefreshEvent}, fired for {@code @Observes} and for
 * {@code @ObservesAsync} observers. Registered on the engine by the module's plug-in.
 */
@ApplicationScoped
public class CdiEventBridge implements RefreshListener {

    private static final Logger LOG = Logger.getLogger(CdiEventBridge.class.getName());

    @Inject
    Event<TokenRefreshEvent> events;

    @Override
    public void onEvent(RefreshEvent event) {
        TokenRefreshEvent payload = TokenRefreshEvent.of(event);
        try {
            events.fire(payload);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of " + payload + " failed", e);
        }
        try {
            events.fireAsync(payload).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "An asynchronous observer of " + payload + " failed", failure);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Asynchronous observers of " + payload + " could not be notified", e);
        }
    }
}
