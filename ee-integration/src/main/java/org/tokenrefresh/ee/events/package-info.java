/**
 * The API of token-refresh-ee: the CDI events of every refresh outcome
 * ({@link org.tokenrefresh.ee.events.TokenRefreshEvent} and its subtypes), for {@code @Observes} and
 * {@code @ObservesAsync}. Payloads carry no secret.
 */
package org.tokenrefresh.ee.events;
