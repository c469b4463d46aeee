/**
 * MicroProfile Metrics of the token refresh, used only when the Metrics API is present.
 */
package org.tokenrefresh.ee.internal.metrics;
