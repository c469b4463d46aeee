/**
 * The plug-in that joins the filter ({@code EeIntegrationPlugin}, found through ServiceLoader), the runtime
 * state the beans share, and CDI lookups. Public only where the container needs it; no compatibility promise.
 */
package org.tokenrefresh.ee.internal;
