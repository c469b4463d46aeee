package org.tokenrefresh.container.app.ee;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.tokenrefresh.ee.events.TokenRefreshEvent;

/** An application bean observing the library's CDI events, as an application's audit would. */
@ApplicationScoped
public class EventRecorder {

    private final List<TokenRefreshEvent> events = new CopyOnWriteArrayList<>();

    void onEvent(@Observes TokenRefreshEvent event) {
        events.add(event);
    }

    /** The events of one session (its short id), as {@code <type> <trigger>} lines. */
    public String of(String sessionId) {
        return events.stream().filter(event -> event.sessionId().equals(sessionId))
                .map(event -> event.getClass().getSimpleName() + " " + event.trigger())
                .collect(Collectors.joining("\n"));
    }
}
