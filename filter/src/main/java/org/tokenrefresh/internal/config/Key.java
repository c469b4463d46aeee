package org.tokenrefresh.internal.config;

import java.util.Objects;

/**
 * One configuration key, declared once in {@link Keys}: its name, which module reads it, its default as an
 * administrator writes it, whether its value is secret, its one-line description, and how its value is read
 * and validated. The README's configuration table is generated from these declarations (a test compares
 * them).
 *
 * @param <T> the type of the value
 */
public final class Key<T> {

    /** Which artifact reads the key. */
    public enum Module {
        /** {@code token-refresh-filter}. */
        CORE,
        /** {@code token-refresh-ee}: set while that jar is absent, the key gives a WARNING. */
        EE
    }

    /** Reads a key's value with a parser that collects errors; returns the default when unset or invalid. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ValueParser parser, String name, T defaultValue);
    }

    private final String name;
    private final Module module;
    private final String defaultText;
    private final T defaultValue;
    private final boolean secret;
    private final String description;
    private final Reader<T> reader;

    Key(String name, Module module, String defaultText, T defaultValue, boolean secret, String description, Reader<T> reader) {
        this.name = Objects.requireNonNull(name);
        this.module = module;
        this.defaultText = defaultText;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
        this.reader = reader;
    }

    /** The name without the prefix, e.g. {@code refresh-threshold}. */
    public String name() {
        return name;
    }

    /** The full name an administrator sets, e.g. {@code tokenrefresh.refresh-threshold}. */
    public String fullName() {
        return Keys.PREFIX + name;
    }

    public Module module() {
        return module;
    }

    /** The default as the README shows it ({@code 10m}, {@code (required)}, {@code unset}, ...). */
    public String defaultText() {
        return defaultText;
    }

    /** Whether the value is a secret that must never be quoted back in a message or a log. */
    public boolean secret() {
        return secret;
    }

    /** One line for the README's configuration table. */
    public String description() {
        return description;
    }

    /** The value from the parser's source, or the declared default. */
    T read(ValueParser parser) {
        return reader.read(parser, name, defaultValue);
    }

    /** The value from the parser's source, or the given default (for defaults derived from other keys). */
    T read(ValueParser parser, T derivedDefault) {
        return reader.read(parser, name, derivedDefault);
    }

    @Override
    public String toString() {
        return fullName();
    }
}
