/**
 * The shipments API product: where a shipment to a customer stands, for warehouse
 * systems, plant systems and partners, over the ERP facade, implementing the v1 contract
 * of {@code api-contracts} exactly.
 */
package org.millgate.shipments;
