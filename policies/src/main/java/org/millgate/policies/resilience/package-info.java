/**
 * Policy {@code resilience}: per-product circuit breaker with a problem fallback, and
 * retries of GET requests that failed before any response.
 */
package org.millgate.policies.resilience;
