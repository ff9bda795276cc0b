/**
 * The canonical shipment: its processing checks, the status that follows from them by the
 * contracts' rules, and the quality release of its batches, tracked over the ERP ports.
 * Shared by everything that tells a shipment's status (the Shipments API, the change
 * feed's shipment events), so that both always agree.
 */
package org.millgate.erp.shipping;
