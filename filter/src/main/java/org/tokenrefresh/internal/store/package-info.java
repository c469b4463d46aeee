/**
 * The default store: one JVM, bounded and expiring (Caffeine). Uses the SPI.
 */
package org.tokenrefresh.internal.store;
