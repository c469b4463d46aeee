/**
 * The JAX-RS client side behind {@code TokenRefreshClientFeature}: attach the bearer token, refresh ahead,
 * refresh and resend once on a 401, relay the inbound request's tokens, and only where asked. Uses engine,
 * servlet (the inbound request being served) and the SPI.
 */
package org.tokenrefresh.internal.client;
