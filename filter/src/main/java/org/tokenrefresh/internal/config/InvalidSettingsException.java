package org.tokenrefresh.internal.config;

import java.util.List;

/**
 * Thrown at start-up when the configuration is invalid. The message lists every bad key with its quoted
 * value, so that one deployment attempt shows all problems.
 */
public class InvalidSettingsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super("Invalid token refresh configuration (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one per bad key or combination. */
    public List<String> problems() {
        return problems;
    }
}
