/**
 * The servlet side: the per-request flow, reading and writing the token cookies, the request and response
 * wrappers (the application's own token cookies win), replay after a 401, the endpoints for front-end code,
 * the answers the library gives itself, and starting the filter. Uses engine, config, token and the SPI.
 */
package org.tokenrefresh.internal.servlet;
