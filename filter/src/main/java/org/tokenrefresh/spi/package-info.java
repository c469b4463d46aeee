/**
 * The SPI: what extenders implement ({@link org.tokenrefresh.spi.RefreshStore},
 * {@link org.tokenrefresh.spi.AuthBackend}, {@link org.tokenrefresh.spi.TokenSource},
 * {@link org.tokenrefresh.spi.RefreshListener}, {@link org.tokenrefresh.spi.TokenRefreshPlugin}) and the values in
 * their signatures. Uses nothing of the library: only the JDK and the Servlet API.
 */
package org.tokenrefresh.spi;
