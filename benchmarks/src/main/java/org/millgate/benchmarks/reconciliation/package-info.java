/**
 * The reconciliation half of {@code ./millgate bench}: a plant of 10,000 stock positions
 * counted, reported through the gateway and reconciled, on a running platform.
 */
package org.millgate.benchmarks.reconciliation;
