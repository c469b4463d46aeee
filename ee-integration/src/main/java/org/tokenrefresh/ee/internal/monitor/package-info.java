/**
 * The background monitor: the {@code @Schedule} EJB, one run's work, and the sessions it may refresh (only
 * those the library refreshed on this node).
 */
package org.tokenrefresh.ee.internal.monitor;
