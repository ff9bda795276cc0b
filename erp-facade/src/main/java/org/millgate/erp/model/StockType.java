package org.millgate.erp.model;

/**
 * The status a stock quantity is in, ERP independent.
 */
public enum StockType {

	/** Free to use. */
	UNRESTRICTED,

	/** Waiting for a quality decision. */
	QUALITY_INSPECTION,

	/** Returned by a customer, blocked. */
	RETURNS_BLOCKED,

	/** Moving between storage locations of one plant. */
	TRANSFER_STORAGE_LOCATION,

	/** Moving between plants. */
	TRANSFER_PLANT,

	/** In transit, e.g. shipped by a stock transport order. */
	IN_TRANSIT,

	/** Blocked. */
	BLOCKED,

	/** Restricted use (e.g. an expired batch). */
	RESTRICTED,

	/** Received but blocked at goods receipt. */
	GOODS_RECEIPT_BLOCKED

}
