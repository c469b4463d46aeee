package org.tokenrefresh.ee.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.tokenrefresh.ee.events.SessionExpired;
import org.tokenrefresh.ee.events.TokenRefreshEvent;

/** An application bean observing the library's CDI events, synchronously and asynchronously. */
@ApplicationScoped
public class EventRecorder {

    private final List<TokenRefreshEvent> sync = new CopyOnWriteArrayList<>();
    private final List<TokenRefreshEvent> async = new CopyOnWriteArrayList<>();
    private final List<SessionExpired> expired = new CopyOnWriteArrayList<>();

    void onEvent(@Observes TokenRefreshEvent event) {
        sync.add(event);
    }

    void onEventAsync(@ObservesAsync TokenRefreshEvent event) {
        async.add(event);
    }

    void onExpired(@Observes SessionExpired event) {
        expired.add(event);
    }

    /** Events of one session received by the {@code @Observes} method. */
    public List<TokenRefreshEvent> sync(String sessionId) {
        return sync.stream().filter(e -> e.sessionId().equals(sessionId)).collect(Collectors.toList());
    }

    /** Events of one session received by the {@code @ObservesAsync} method. */
    public List<TokenRefreshEvent> async(String sessionId) {
        return async.stream().filter(e -> e.sessionId().equals(sessionId)).collect(Collectors.toList());
    }

    /** {@link SessionExpired} events, received by an observer of the subtype. */
    public List<SessionExpired> expired() {
        return List.copyOf(expired);
    }
}
