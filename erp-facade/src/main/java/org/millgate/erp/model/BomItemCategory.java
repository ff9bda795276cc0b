package org.millgate.erp.model;

/**
 * What a bill of materials item is.
 */
public enum BomItemCategory {

	/** A component kept in stock and issued from it. */
	STOCK,

	/** A component bought for the order, not kept in stock. */
	NON_STOCK,

	/** A component cut to size from a stocked material. */
	VARIABLE_SIZE,

	/** A note, no component. */
	TEXT,

	/** A document, no component. */
	DOCUMENT,

	/** Any other category the ERP knows. */
	OTHER

}
