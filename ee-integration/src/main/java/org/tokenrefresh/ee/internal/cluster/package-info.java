/**
 * The cluster-wide store on the container's JCache: four caches per application, records sealed with
 * AES-256-GCM, JDK types only, fail closed (docs/architecture.md, "Successors and markers").
 */
package org.tokenrefresh.ee.internal.cluster;
