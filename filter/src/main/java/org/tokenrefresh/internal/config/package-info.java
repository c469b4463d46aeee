/**
 * Settings: every key declared once in {@link org.tokenrefresh.internal.config.Keys}, read and validated
 * together ({@link org.tokenrefresh.internal.config.TokenRefreshSettings}), unknown keys reported
 * ({@link org.tokenrefresh.internal.config.KeyAudit}), from MicroProfile Config, system properties, environment
 * variables, init-params and context-params. Uses only the JDK (MicroProfile Config when present).
 */
package org.tokenrefresh.internal.config;
