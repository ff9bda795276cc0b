/**
 * The canonical manufacturing model, ISA-95 inspired: production orders with their
 * operations and material requirements, confirmations, stock positions by stock type,
 * reservations, shipments with their processing statuses, materials with units of
 * measure. No ERP name, code or unit appears here: units are UN/ECE Recommendation 20
 * codes, statuses are enums, and every ERP release maps onto the same records.
 */
package org.millgate.erp.model;
