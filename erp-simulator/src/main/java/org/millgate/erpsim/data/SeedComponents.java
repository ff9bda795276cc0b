package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.millgate.erpsim.data.SeedRows.amount;
import static org.millgate.erpsim.data.SeedRows.day;
import static org.millgate.erpsim.data.SeedRows.digits;
import static org.millgate.erpsim.data.SeedRows.insert;
import static org.millgate.erpsim.data.SeedRows.qty;

/**
 * Reservation items: the components of production orders (one reservation per order, its
 * number the order's, zero-padded) and reservations that no order owns, such as
 * cost-center consumption. Components are backflushed: an operation's confirmed yield
 * withdraws its share.
 */
final class SeedComponents {

	private SeedComponents() {
	}

	static void write(ErpData data, SeedOrder order, SeedProgress progress, Random random) {
		String reservation = digits(Long.parseLong(order.number()), 10);
		BigDecimal total = BigDecimal.valueOf(order.quantity());
		List<SeedMaterial.BomLine> bom = order.material().bom();
		for (int i = 0; i < bom.size(); i++) {
			SeedMaterial component = SeedCatalog.material(bom.get(i).material());
			// Packaging is used where the order is packed, the rest where it starts.
			SeedProgress.Step step = "VERP".equals(component.type()) ? progress.last() : progress.first();
			BigDecimal required = amount(component.unit(), bom.get(i).perUnit().multiply(total), RoundingMode.CEILING);
			BigDecimal withdrawn = amount(component.unit(),
					required.multiply(BigDecimal.valueOf(step.yield())).divide(total, 3, RoundingMode.FLOOR),
					RoundingMode.FLOOR);
			// Completing or deleting an order ends its reservations.
			boolean finallyIssued = withdrawn.compareTo(required) >= 0
					|| order.stage().atLeast(SeedOrderStage.TECHNICALLY_COMPLETED) || order.deleted();
			BigDecimal confirmed = required;
			if (SeedOrderRows.planned(order)) {
				confirmed = qty(0);
			}
			else if (!finallyIssued && random.nextInt(6) == 0) {
				confirmed = amount(component.unit(), required.multiply(new BigDecimal("0.6")), RoundingMode.FLOOR);
			}
			// Components wait in the production supply area, packaging in the warehouse.
			String storageLocation = "VERP".equals(component.type()) ? "0001" : "0002";
			item(data, reservation, i + 1, order.number(), step.operation(), component, order.plant(), storageLocation,
					required, withdrawn, confirmed, step.start(), finallyIssued, SeedOrderRows.open(order));
		}
	}

	/**
	 * A reservation no production order owns, e.g. for a cost center, confirmed in full.
	 */
	static void standalone(ErpData data, String reservation, int item, String material, String plant, long required,
			long withdrawn, boolean finallyIssued, LocalDate date) {
		SeedMaterial reserved = SeedCatalog.material(material);
		item(data, reservation, item, "", "", reserved, plant, reserved.storageLocation(), qty(required),
				qty(withdrawn), qty(required), date, finallyIssued, !finallyIssued);
	}

	private static void item(ErpData data, String reservation, int item, String order, String operation,
			SeedMaterial material, String plant, String storageLocation, BigDecimal required, BigDecimal withdrawn,
			BigDecimal confirmed, LocalDate date, boolean finallyIssued, boolean movable) {
		insert(data, "ReservationItem", "Reservation", reservation, "ReservationItem", digits(item, 4),
				"ReservationRecordType", "", "ManufacturingOrder", order, "ManufacturingOrderOperation", operation,
				"Material", material.code(), "Plant", plant, "StorageLocation", storageLocation, "Batch", "",
				"RequiredQuantity", required, "WithdrawnQuantity", withdrawn, "ConfirmedAvailableQuantity", confirmed,
				"BaseUnit", material.unit(), "MatlCompRequirementDate", day(date), "ReservationIsFinallyIssued",
				finallyIssued, "GoodsMovementIsAllowed", movable);
	}

}
