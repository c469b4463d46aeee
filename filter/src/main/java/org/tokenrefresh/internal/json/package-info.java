/**
 * The strict JSON reader for the auth backend's small answers (RFC 8259), so the jar brings no JSON library.
 * Uses only the JDK.
 */
package org.tokenrefresh.internal.json;
