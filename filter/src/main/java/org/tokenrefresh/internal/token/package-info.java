/**
 * Tokens as the per-request path sees them: the allocation-light cookie scan and JWT {@code exp}/{@code iat}
 * reader, and the SHA-256 identities that stand for tokens in keys and logs. Uses only the JDK.
 */
package org.tokenrefresh.internal.token;
