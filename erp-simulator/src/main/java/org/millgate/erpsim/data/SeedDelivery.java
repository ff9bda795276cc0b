package org.millgate.erpsim.data;

import java.time.LocalDate;
import java.util.List;

/**
 * An outbound delivery as the seed decides it; its item and header statuses follow from
 * its stage in {@link SeedDeliveryRows}.
 *
 * @param plant the plant its items ship from
 * @param shippingPoint the shipping point it ships through, one of the plant's
 * ({@link SeedDeliveryRows#SHIPPING_POINT_PLANTS})
 * @param block "" when not blocked, "B" partially or "C" completely blocked
 * @param packing whether packing is relevant at all
 * @param goodsIssue the actual goods movement date, null before goods issue
 * @param created the day it was created
 * @param lastChange the day of its last change, null when it was never changed after its
 * creation (SAP leaves the change date empty then)
 */
record SeedDelivery(String number, String plant, String shippingPoint, String shipTo, SeedDelivery.Stage stage,
		String block, boolean packing, LocalDate plannedGoodsIssue, LocalDate goodsIssue, LocalDate deliveryDate,
		LocalDate created, LocalDate lastChange, List<Item> items) {

	/**
	 * From created to proof of delivery; a quality hold is ready but for a batch in
	 * inspection.
	 */
	enum Stage {

		PLANNED, PICKING, PICKED, PACKING, READY, QUALITY_HOLD, SHIPPED, DELIVERED

	}

	record Item(String material, String batch, long quantity, String unit) {
	}

}
