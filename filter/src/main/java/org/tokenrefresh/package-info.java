/**
 * The API: what applications and administrators use. {@link org.tokenrefresh.TokenRefreshFilter} (dropped in,
 * it registers itself through {@link org.tokenrefresh.TokenRefreshInitializer}), the JAX-RS
 * {@link org.tokenrefresh.TokenRefreshClientFeature} and {@link org.tokenrefresh.ServiceTokenSource} for outbound
 * calls. Configured by {@code tokenrefresh.*} keys (README). May use the SPI and the internals; nothing else of
 * the library uses it (docs/architecture.md, "Packages").
 */
package org.tokenrefresh;
