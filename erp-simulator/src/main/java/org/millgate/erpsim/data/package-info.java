/**
 * The simulated ERP's data: release-independent tables of rows (column name to value),
 * the deterministic seed that fills them, and the few writes the ERP performs (release an
 * order, post or cancel a confirmation). Readers never block: tables are copy-on-write.
 */
package org.millgate.erpsim.data;
