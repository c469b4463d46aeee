package org.tokenrefresh.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds keys under {@code tokenrefresh.} that the library does not know (typos such as
 * {@code refresh-treshold}, or keys of another version), and says which known key was probably meant.
 * <ul>
 * <li>Keys the application packaged (filter init-params, context-params, the WAR's
 * {@code microprofile-config.properties}) are errors: the deployment fails, in the one message that lists
 * every invalid setting.</li>
 * <li>Keys from server-wide sources (system properties, environment variables, the server's other config
 * sources), which a neighbouring application on another version may share, give one WARNING each.</li>
 * <li>A key of {@code token-refresh-ee} set while that jar is absent gives a WARNING: it has no effect.</li>
 * </ul>
 * Environment variables are compared in MicroProfile's mapped form ({@code TOKENREFRESH_REFRESH_THRESHOLD}).
 */
public final class KeyAudit {

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private KeyAudit() {
    }

    /**
     * Audits the names found in each kind of source.
     *
     * @param packaged full names the application packaged, each with the source it came from
     * @param serverWide names from server-wide sources (dotted or environment style), each with its source
     * @param eeAvailable whether {@code token-refresh-ee} is part of the application
     */
    public static KeyAudit of(Map<String, String> packaged, Map<String, String> serverWide, boolean eeAvailable) {
        KeyAudit audit = new KeyAudit();
        for (Map.Entry<String, String> name : packaged.entrySet()) {
            audit.check(name.getKey(), name.getValue(), true, eeAvailable);
        }
        for (Map.Entry<String, String> name : serverWide.entrySet()) {
            if (!packaged.containsKey(name.getKey())) {
                audit.check(name.getKey(), name.getValue(), false, eeAvailable);
            }
        }
        return audit;
    }

    private void check(String fullName, String source, boolean fatal, boolean eeAvailable) {
        Key<?> key = resolve(fullName);
        if (key == null && isOurs(fullName)) {
            String problem = fullName + " (" + source + "): unknown key" + suggestion(fullName);
            (fatal ? errors : warnings).add(problem);
        } else if (key != null && key.module() == Key.Module.EE && !eeAvailable) {
            warnings.add(fullName + " (" + source + ") is read by token-refresh-ee, which is not in this application: it has no effect");
        }
    }

    /** Whether a name is under the library's prefix, in dotted or environment form. */
    static boolean isOurs(String name) {
        return name.regionMatches(true, 0, "tokenrefresh", 0, 12) && name.length() > 13
                && (name.charAt(12) == '.' || name.charAt(12) == '_');
    }

    /** The key a dotted or environment-style name stands for, or {@code null}. */
    static Key<?> resolve(String name) {
        if (!isOurs(name)) {
            return null;
        }
        if (name.startsWith(Keys.PREFIX)) {
            Key<?> exact = Keys.named(name.substring(Keys.PREFIX.length()));
            if (exact != null) {
                return exact;
            }
        }
        String mapped = environmentForm(name);
        for (Key<?> key : Keys.all()) {
            if (environmentForm(key.fullName()).equals(mapped)) {
                return key;
            }
        }
        return null;
    }

    /** MicroProfile Config's environment mapping: non-alphanumerics become {@code _}, upper case. */
    static String environmentForm(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String suggestion(String name) {
        String wanted = environmentForm(name);
        Key<?> best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Key<?> key : Keys.all()) {
            int distance = distance(wanted, environmentForm(key.fullName()));
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        boolean environment = !name.startsWith(Keys.PREFIX) && name.indexOf('.') < 0;
        return best != null && bestDistance <= Math.max(3, best.name().length() / 3)
                ? "; did you mean " + (environment ? environmentForm(best.fullName()) : best.fullName()) + "?" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Problems that fail the deployment. */
    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** Problems logged as WARNINGs. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }
}
