/**
 * The MicroProfile Health readiness check, registered only when the Health API is present.
 */
package org.tokenrefresh.ee.internal.health;
