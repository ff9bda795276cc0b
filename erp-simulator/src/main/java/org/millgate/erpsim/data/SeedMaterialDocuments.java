package org.millgate.erpsim.data;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

import static org.millgate.erpsim.data.SeedRows.day;
import static org.millgate.erpsim.data.SeedRows.digits;
import static org.millgate.erpsim.data.SeedRows.insert;
import static org.millgate.erpsim.data.SeedRows.qty;

/**
 * Material documents of goods movements the seed's stock already reflects: they record
 * when stock moved, not what it holds, so writing one changes no stock.
 */
final class SeedMaterialDocuments {

	// the transfer postings the seed has: movement type to the stock type it takes from
	private static final Map<String, String> FROM = Map.of("321", "02", "343", "07", "350", "02");

	private SeedMaterialDocuments() {
	}

	/**
	 * One material document, posted, entered and dated on the same day, items numbered 1,
	 * 2, ... in the base unit.
	 */
	static void write(ErpData data, String number, LocalDate posted, Item... items) {
		String year = Integer.toString(posted.getYear());
		insert(data, "MaterialDocumentHeader", "MaterialDocumentYear", year, "MaterialDocument", number, "DocumentDate",
				day(posted), "PostingDate", day(posted), "GoodsMovementCode", "04", "CreatedByUser", "QM_DECISION",
				"CreationDate", day(posted), "CreationTime", LocalTime.of(9, 0));
		for (int i = 0; i < items.length; i++) {
			Item item = items[i];
			String unit = SeedCatalog.material(item.material()).unit();
			insert(data, "MaterialDocumentItem", "MaterialDocumentYear", year, "MaterialDocument", number,
					"MaterialDocumentItem", digits(i + 1, 4), "Material", item.material(), "Plant", item.plant(),
					"StorageLocation", item.storageLocation(), "Batch", item.batch(), "GoodsMovementType",
					item.movementType(), "InventoryStockType", FROM.get(item.movementType()),
					"IssuingOrReceivingStorageLoc", "", "ManufacturingOrder", "", "Reservation", "", "ReservationItem",
					"", "GoodsMovementReasonCode", "", "EntryUnit", unit, "QuantityInEntryUnit", qty(item.quantity()),
					"MaterialBaseUnit", unit, "QuantityInBaseUnit", qty(item.quantity()), "GoodsMovementIsCancelled",
					false);
		}
	}

	/**
	 * One item of a material document.
	 *
	 * @param movementType SAP's movement type, e.g. 321 quality inspection to
	 * unrestricted
	 * @param quantity whole base units
	 */
	record Item(String material, String plant, String storageLocation, String batch, String movementType,
			long quantity) {
	}

}
