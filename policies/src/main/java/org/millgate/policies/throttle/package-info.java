/**
 * Policy {@code throttling}: Bucket4j buckets per client and product with the limits of
 * the token's plan, shared through Redis (Lettuce, asynchronous) or local; IETF
 * {@code RateLimit}/{@code RateLimit-Policy} headers; priority lanes under saturation;
 * fail-open or fail-closed within a bounded time when Redis is unreachable.
 */
package org.millgate.policies.throttle;
