/**
 * The bridge from the engine's events to CDI events.
 */
package org.tokenrefresh.ee.internal.events;
