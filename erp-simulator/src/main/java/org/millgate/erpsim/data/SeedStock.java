package org.millgate.erpsim.data;

import java.util.Random;

import static org.millgate.erpsim.data.SeedRows.between;
import static org.millgate.erpsim.data.SeedRows.digits;
import static org.millgate.erpsim.data.SeedRows.insert;
import static org.millgate.erpsim.data.SeedRows.qty;

/**
 * Warehouse stock by storage location, batch and stock type. Every material has
 * unrestricted stock and, in turn, one other stock type, so that every type occurs; stock
 * in transit between plants belongs to the plant, not to a storage location (""). Plain
 * stock is written once; batch stock grows with every round, as new batches arrive.
 */
final class SeedStock {

	static final String UNRESTRICTED = "01";

	static final String QUALITY_INSPECTION = "02";

	static final String BLOCKED = "07";

	static final String IN_TRANSIT = "06";

	// 03 returns, 04 in transfer between storage locations, 05 between plants,
	// 10 goods receipt blocked.
	private static final String[] OTHER_TYPES = { QUALITY_INSPECTION, "03", "04", "05", IN_TRANSIT, BLOCKED, "10" };

	// 08 restricted use exists only for batches.
	private static final String[] BATCH_TYPES = { QUALITY_INSPECTION, "08", BLOCKED, IN_TRANSIT, UNRESTRICTED };

	private SeedStock() {
	}

	static void write(ErpData data, int round) {
		int index = 0;
		int batches = 0;
		for (SeedMaterial material : SeedCatalog.MATERIALS) {
			for (String plant : material.plants()) {
				if (material.deleted() || SeedFixtures.ownsStock(material.code(), plant)) {
					continue;
				}
				Random random = SeedRows.random(material.code() + "/" + plant + "/" + round);
				String home = material.storageLocation();
				if (material.batchManaged()) {
					String batch = "CH" + digits(round, 3) + digits(++batches, 4);
					row(data, material.code(), plant, home, batch, UNRESTRICTED, quantity(material, random));
					String type = BATCH_TYPES[(index + round) % BATCH_TYPES.length];
					row(data, material.code(), plant, location(type, home),
							"CH" + digits(round, 3) + digits(++batches, 4), type, quantity(material, random) / 4 + 1);
				}
				else if (round == 0) {
					row(data, material.code(), plant, home, "", UNRESTRICTED, quantity(material, random));
					String type = OTHER_TYPES[index % OTHER_TYPES.length];
					row(data, material.code(), plant, location(type, home), "", type,
							quantity(material, random) / 5 + 1);
					if ("0001".equals(home) && random.nextBoolean()) {
						// Staged at the line for production.
						row(data, material.code(), plant, "0002", "", UNRESTRICTED, quantity(material, random) / 3 + 1);
					}
					if ("ROH".equals(material.type()) && index % 4 == 0) {
						// Vendor consignment: the supplier's until withdrawn.
						insert(data, "MaterialStock", "Material", material.code(), "Plant", plant, "StorageLocation",
								home, "Batch", "", "Supplier", "1730000" + (1 + index % 3), "Customer", "",
								"InventorySpecialStockType", "K", "InventoryStockType", UNRESTRICTED,
								"MaterialBaseUnit", material.unit(), "MatlWrhsStkQtyInMatlBaseUnit",
								qty(quantity(material, random)));
					}
				}
				index++;
			}
		}
	}

	static void row(ErpData data, String material, String plant, String storageLocation, String batch, String type,
			long quantity) {
		insert(data, "MaterialStock", "Material", material, "Plant", plant, "StorageLocation", storageLocation, "Batch",
				batch, "Supplier", "", "Customer", "", "InventorySpecialStockType", "", "InventoryStockType", type,
				"MaterialBaseUnit", SeedCatalog.material(material).unit(), "MatlWrhsStkQtyInMatlBaseUnit",
				qty(quantity));
	}

	private static String location(String type, String home) {
		boolean betweenPlants = "05".equals(type) || IN_TRANSIT.equals(type);
		return betweenPlants ? "" : home;
	}

	private static long quantity(SeedMaterial material, Random random) {
		return switch (material.unit()) {
			case "G" -> 500L * between(random, 1, 40);
			case "KG", "L" -> 25L * between(random, 2, 200);
			case "M" -> 50L * between(random, 2, 100);
			default -> 10L * between(random, 2, 200);
		};
	}

}
