/**
 * Policies {@code circuit-breaker} (per-product circuit breaker with problem answers) and
 * {@code retry} (GET requests that failed before any response, tried again).
 */
package org.millgate.policies.resilience;
