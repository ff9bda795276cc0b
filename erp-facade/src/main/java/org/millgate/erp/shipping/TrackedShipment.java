package org.millgate.erp.shipping;

import java.time.LocalDate;
import java.util.List;

import org.millgate.erp.model.Shipment;
import org.millgate.erp.model.ShipmentItem;

/**
 * A shipment with what the product derives from it.
 *
 * @param shipment the shipment as the ERP facade reads it
 * @param plant the plant it ships from
 * @param items its items in item number order, each with its quality release
 * @param checks its processing checks
 * @param lastChanged the day of the last change to any part of it: the delivery's own
 * last change (its creation when never changed), or a later quality decision on one of
 * its batches
 */
public record TrackedShipment(Shipment shipment, String plant, List<Item> items, Checks checks, LocalDate lastChanged) {

	public TrackedShipment {
		items = List.copyOf(items);
	}

	/**
	 * The canonical status.
	 * @return the status
	 */
	public ShipmentStatus status() {
		return this.checks.status();
	}

	/**
	 * An item of the shipment.
	 *
	 * @param item the item as the ERP facade reads it
	 * @param qualityReleased whether its batch is quality released, or the material is
	 * not managed in batches
	 */
	public record Item(ShipmentItem item, boolean qualityReleased) {

	}

}
