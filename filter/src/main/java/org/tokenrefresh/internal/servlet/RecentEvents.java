package org.tokenrefresh.internal.servlet;

import java.util.ArrayDeque;
import java.util.Deque;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshListener;

/** The latest refresh events, newest first, for the opt-in {@code events} endpoint. Bounded. */
final class RecentEvents implements RefreshListener {

    static final int CAPACITY = 50;

    private final Deque<RefreshEvent> events = new ArrayDeque<>(CAPACITY);

    @Override
    public synchronized void onEvent(RefreshEvent event) {
        if (events.size() == CAPACITY) {
            events.removeLast();
        }
        events.addFirst(event);
    }

    /** The events as JSON: {@code {"events":[{"at","type","trigger","reason","session","tookMs"}]}}. */
    synchronized String toJson() {
        StringBuilder json = new StringBuilder("{\"events\":[");
        boolean first = true;
        for (RefreshEvent event : events) {
            json.append(first ? "" : ",")
                    .append("{\"at\":\"").append(event.at())
                    .append("\",\"type\":\"").append(event.type())
                    .append("\",\"trigger\":\"").append(event.trigger())
                    .append("\",\"reason\":\"").append(event.reason())
                    .append("\",\"session\":\"").append(event.sessionId())
                    .append("\",\"tookMs\":").append(event.duration().toMillis()).append('}');
            first = false;
        }
        return json.append("]}").toString();
    }
}
