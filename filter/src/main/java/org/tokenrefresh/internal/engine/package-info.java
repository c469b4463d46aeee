/**
 * The refresh engine: a conductor over coordination, the backend guard, the successor policy and event
 * publishing (docs/architecture.md, "The engine"). Knows nothing about servlets or JAX-RS. Uses backend,
 * config, store, token and the SPI.
 */
package org.tokenrefresh.internal.engine;
