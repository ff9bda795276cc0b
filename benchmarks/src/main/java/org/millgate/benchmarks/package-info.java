/**
 * JMH micro-benchmarks of the steps every gateway call pays for: the JWT check (a first
 * sight, with its RS256 signature, and a remembered token), the throttle decision (local
 * bucket, and Redis on loopback) and contract validation of requests and responses. Run
 * with {@code ./millgate bench jmh}.
 */
package org.millgate.benchmarks;
