package org.millgate.reconciliation.reconcile;

/**
 * What a run compares.
 */
public enum Area {

	/** The confirmations posted through the platform with the ERP's. */
	CONFIRMATIONS,

	/** The WMS's stock counts with the ERP's stock at the time of each count. */
	INVENTORY,

	/** The shipment statuses reported by warehouses and carriers with the ERP's. */
	SHIPMENTS

}
