/**
 * What the testing kit puts into a test WAR; public only because the container instantiates it. No compatibility
 * promise.
 */
package org.tokenrefresh.testing.internal;
