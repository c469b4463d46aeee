/**
 * The JAX-RS client side: {@link org.tokenrefresh.TokenRefreshClientFeature} attaches, refreshes and
 * resends for the application's outbound calls, through the servlet filter's refresh engine. Token sources:
 * the inbound request (relay) or a {@link org.tokenrefresh.ServiceTokenSource}.
 */
package org.tokenrefresh.internal.client;
