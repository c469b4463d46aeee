package org.tokenrefresh.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Item 2 in process: the same closed-loop load against a real Tomcat 11 serving {@link ProtectedApi} with
 * the library's filter and with no filter, in alternating rounds. Isolates the filter's own cost from the
 * application server's.
 */
final class TomcatThroughput {

    /** Requests per second with and without the filter, per round. */
    record Result(double[] with, double[] without, double[] ratios, double[] loads) {
    }

    private TomcatThroughput() {
    }

    static Result run(int rounds, Duration warmUp, Duration measure, int users) throws Exception {
        try (AppServer on = new AppServer(AppServer.Mode.LIBRARY, Map.of(), Duration.ofHours(1), 200);
                AppServer off = new AppServer(AppServer.Mode.NONE, Map.of(), Duration.ofHours(1), 200);
                LoadClient client = new LoadClient(on.apiUrl(), 4)) {
            // one backend issues the tokens both applications accept: the same secret, issuer and clock
            List<String> cookiesOn = new ArrayList<>();
            List<String> cookiesOff = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                cookiesOn.add(new BrowserSession(i, on.login()).cookieHeader());
                cookiesOff.add(new BrowserSession(i, off.login()).cookieHeader());
            }
            URI uriOn = URI.create(on.apiUrl());
            URI uriOff = URI.create(off.apiUrl());
            PayaraRun.load(client, uriOn, cookiesOn, users, warmUp.multipliedBy(2));
            PayaraRun.load(client, uriOff, cookiesOff, users, warmUp.multipliedBy(2));
            double[] with = new double[rounds];
            double[] without = new double[rounds];
            double[] ratios = new double[rounds];
            double[] loads = new double[rounds];
            int slices = 4;
            for (int round = 0; round < rounds; round++) {
                double before = Stats.load();
                for (int slice = 0; slice < 2 * slices; slice++) {
                    boolean filter = (slice + round) % 2 == 0;
                    URI uri = filter ? uriOn : uriOff;
                    List<String> cookies = filter ? cookiesOn : cookiesOff;
                    PayaraRun.load(client, uri, cookies, users, Duration.ofMillis(300));
                    long[] counted = PayaraRun.load(client, uri, cookies, users, measure);
                    if (counted[1] > 0) {
                        throw new IllegalStateException(counted[1] + " non-200 answers from " + uri);
                    }
                    (filter ? with : without)[round] += counted[0] / (double) (measure.toMillis() * slices) * 1000;
                }
                ratios[round] = with[round] / without[round];
                loads[round] = (before + Stats.load()) / 2;
            }
            return new Result(with, without, ratios, loads);
        }
    }

    public static void main(String[] args) throws Exception {
        Result r = run(3, Duration.ofSeconds(2), Duration.ofSeconds(5), 16);
        System.out.println("with " + Stats.spread(r.with(), "%.0f") + " without " + Stats.spread(r.without(), "%.0f")
                + " ratio " + Stats.spread(r.ratios(), "%.3f"));
    }
}
