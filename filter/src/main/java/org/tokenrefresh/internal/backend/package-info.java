/**
 * The HTTP client toward the auth backend (Apache HttpClient 5, no automatic retries), the two refresh
 * protocols ({@code json}, {@code oauth2}) and how their answers are classified, {@code Retry-After}, and
 * keeping HttpClient's wire loggers from writing tokens. Uses config, json, token and the SPI.
 */
package org.tokenrefresh.internal.backend;
