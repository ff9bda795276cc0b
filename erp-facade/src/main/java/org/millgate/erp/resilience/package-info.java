/**
 * Protection of the ERP and of the callers: per-call timeouts, retries of reads with
 * backoff and jitter, a circuit breaker, a bulkhead that caps concurrent calls, and
 * shared reads (identical concurrent reads coalesced, results reused briefly). All
 * non-blocking.
 */
package org.millgate.erp.resilience;
