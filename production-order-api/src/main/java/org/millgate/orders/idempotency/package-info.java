/**
 * Idempotency keys of writes: the first request with a key runs, a repeat with the same
 * key and body gets the first answer, a repeat with another body is refused, and a repeat
 * while the first still runs is told to wait. Keys live in Redis when it is configured,
 * in memory otherwise.
 */
package org.millgate.orders.idempotency;
