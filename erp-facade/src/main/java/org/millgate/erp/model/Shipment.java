package org.millgate.erp.model;

import java.time.LocalDate;
import java.util.List;

/**
 * An outbound shipment (delivery) with the state of each of its steps.
 *
 * @param id the delivery number
 * @param shippingPoint where it ships from
 * @param soldTo the ordering party, or null
 * @param shipTo the receiving party
 * @param picking picking
 * @param pickingConfirmation confirmation of picking
 * @param packing packing
 * @param goodsMovement goods issue
 * @param proofOfDelivery proof of delivery
 * @param warehouseActivity warehouse tasks
 * @param blocked whether anything blocks it
 * @param plannedGoodsIssue planned goods issue date
 * @param actualGoodsIssue actual goods issue date, or null
 * @param deliveryDate planned delivery date
 * @param lastChanged the day of its last change, or of its creation when it was never
 * changed since (the ERP keeps no change date then); never null
 * @param items its items, empty unless asked for
 */
public record Shipment(String id, String shippingPoint, String soldTo, String shipTo, ProcessingStatus picking,
		ProcessingStatus pickingConfirmation, ProcessingStatus packing, ProcessingStatus goodsMovement,
		ProcessingStatus proofOfDelivery, ProcessingStatus warehouseActivity, boolean blocked,
		LocalDate plannedGoodsIssue, LocalDate actualGoodsIssue, LocalDate deliveryDate, LocalDate lastChanged,
		List<ShipmentItem> items) {

	public Shipment {
		items = List.copyOf(items);
	}

}
