package org.millgate.erp.shipping;

/**
 * The canonical status of a shipment, in process order (the contract's
 * {@code ShipmentStatus}).
 */
public enum ShipmentStatus {

	/** Created and scheduled; picking not started, or picking does not apply. */
	PLANNED,

	/** Some items or quantities are picked. */
	PICKING,

	/** Picking complete; packing open, or not ready although packing does not apply. */
	PICKED,

	/**
	 * Picking and packing complete, but a batch is not released or something blocks it.
	 */
	PACKED,

	/** May leave the plant. */
	READY_FOR_SHIPMENT,

	/** Goods issue posted. */
	SHIPPED,

	/** Goods issued and the ship-to party's proof of delivery complete. */
	DELIVERED;

	/**
	 * Whether the shipment may leave or has left the plant.
	 * @return true from {@link #READY_FOR_SHIPMENT} on
	 */
	public boolean readyForShipment() {
		return compareTo(READY_FOR_SHIPMENT) >= 0;
	}

}
