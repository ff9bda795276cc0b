package org.millgate.erpsim.data;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.millgate.erpsim.data.SeedRows.day;
import static org.millgate.erpsim.data.SeedRows.digits;
import static org.millgate.erpsim.data.SeedRows.insert;
import static org.millgate.erpsim.data.SeedRows.qty;

/**
 * The rows of one outbound delivery. Item statuses follow from the stage; the header's
 * overall statuses are derived from the items the way SAP aggregates them, so they agree.
 */
final class SeedDeliveryRows {

	/**
	 * The shipping points and the plant each belongs to: every plant ships through the
	 * shipping point named after it, plant 1000 also through its rail dock 1010.
	 */
	static final Map<String, String> SHIPPING_POINT_PLANTS = Map.of("1000", "1000", "1010", "1000", "2000", "2000");

	/** These customers confirm receipt: their deliveries wait for proof of delivery. */
	static final Set<String> PROOF_OF_DELIVERY = Set.of("17100001", "17100002", "17100003", "17100004", "17100005");

	private SeedDeliveryRows() {
	}

	static void write(ErpData data, SeedDelivery delivery) {
		if (!delivery.plant().equals(SHIPPING_POINT_PLANTS.get(delivery.shippingPoint()))) {
			throw new IllegalArgumentException(
					"shipping point " + delivery.shippingPoint() + " is not one of plant " + delivery.plant() + "'s");
		}
		List<SeedDelivery.Item> items = delivery.items();
		String[][] statuses = new String[items.size()][];
		for (int i = 0; i < items.size(); i++) {
			SeedDelivery.Item item = items.get(i);
			statuses[i] = statuses(delivery, i, items.size());
			insert(data, "DeliveryItem", "DeliveryDocument", delivery.number(), "DeliveryDocumentItem",
					digits(10L * (i + 1), 6), "Material", item.material(), "Plant", delivery.plant(), "StorageLocation",
					"0003", "Batch", item.batch(), "ActualDeliveryQuantity", qty(item.quantity()),
					"DeliveryQuantityUnit", item.unit(), "PickingStatus", statuses[i][0], "PackingStatus",
					statuses[i][1], "GoodsMovementStatus", statuses[i][2]);
		}
		String picking = overall(statuses, (status) -> status[0]);
		boolean proof = PROOF_OF_DELIVERY.contains(delivery.shipTo());
		String proofStatus = (delivery.stage() == SeedDelivery.Stage.DELIVERED) ? "C" : "A";
		// Only plant 1000 runs warehouse management, whose transfer orders pick.
		insert(data, "DeliveryHeader", "DeliveryDocument", delivery.number(), "DeliveryDocumentType", "LF",
				"ShippingPoint", delivery.shippingPoint(), "SoldToParty", soldTo(delivery.shipTo()), "ShipToParty",
				delivery.shipTo(), "OverallPickingStatus", picking, "OverallPickingConfStatus", picking,
				"OverallPackingStatus", overall(statuses, (status) -> status[1]), "OverallGoodsMovementStatus",
				overall(statuses, (status) -> status[2]), "OverallProofOfDeliveryStatus", proof ? proofStatus : "",
				"OverallWarehouseActivityStatus", "1000".equals(delivery.plant()) ? picking : "", "TotalBlockStatus",
				delivery.block(), "PlannedGoodsIssueDate", day(delivery.plannedGoodsIssue()), "ActualGoodsMovementDate",
				day(delivery.goodsIssue()), "DeliveryDate", day(delivery.deliveryDate()), "CreationDate",
				day(delivery.created()), "LastChangeDate", day(delivery.lastChange()));
	}

	// A distribution center of customer 17100007 receives goods the customer buys.
	private static String soldTo(String shipTo) {
		return "17100008".equals(shipTo) ? "17100007" : shipTo;
	}

	// Picking, packing and goods movement of one item; in progress, item 1 is done.
	private static String[] statuses(SeedDelivery delivery, int index, int count) {
		String partly = (count == 1) ? "B" : (index == 0) ? "C" : "A";
		String picking = switch (delivery.stage()) {
			case PLANNED -> "A";
			case PICKING -> partly;
			default -> "C";
		};
		String packing = switch (delivery.stage()) {
			case PLANNED, PICKING, PICKED -> "A";
			case PACKING -> partly;
			default -> "C";
		};
		boolean issued = delivery.stage() == SeedDelivery.Stage.SHIPPED
				|| delivery.stage() == SeedDelivery.Stage.DELIVERED;
		return new String[] { picking, delivery.packing() ? packing : "", issued ? "C" : "A" };
	}

	private static String overall(String[][] statuses, Function<String[], String> status) {
		String first = status.apply(statuses[0]);
		for (String[] item : statuses) {
			if (!status.apply(item).equals(first)) {
				return "B";
			}
		}
		return first;
	}

}
