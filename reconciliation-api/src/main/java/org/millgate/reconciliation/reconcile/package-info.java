/**
 * The product's rules: what a run compares in each area, which system should win, and how
 * a mismatch moves from open to resolved. No Spring here; the store and the web edge are
 * adapters around it.
 */
package org.millgate.reconciliation.reconcile;
