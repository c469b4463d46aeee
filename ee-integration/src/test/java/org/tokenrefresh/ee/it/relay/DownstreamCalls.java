package org.tokenrefresh.ee.it.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What {@link DownstreamApi} was sent and answered, and the access tokens it refuses; the tests read it. */
@ApplicationScoped
public class DownstreamCalls {

    /** One call: the bearer token it carried ({@code null}: none) and the status it got. */
    public record Call(String token, int status) {
        @Override
        public String toString() {
            return status + (token == null ? " without token" : " with a token");
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** From now on the API answers 401 to this access token, valid as it is (a server-side invalidation). */
    public void refuse(String accessToken) {
        refused.add(accessToken);
    }

    boolean isRefused(String accessToken) {
        return refused.contains(accessToken);
    }

    void record(String token, int status) {
        calls.add(new Call(token, status));
    }

    /** Every call in arrival order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void reset() {
        calls.clear();
        refused.clear();
    }
}
