package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.millgate.erpsim.data.SeedRows.day;
import static org.millgate.erpsim.data.SeedRows.digits;
import static org.millgate.erpsim.data.SeedRows.insert;

/**
 * Master data around the catalog, consistent with the orders and stock already written:
 * the plants and their storage locations, each material's storage locations (where it has
 * stock, and its home), and one production bill of materials per produced material and
 * plant, whose items are the components its orders reserve.
 */
final class SeedMasterData {

	/** BOMs valid from this day, the ERP's open end. */
	static final LocalDate BOM_FROM = LocalDate.of(2024, 1, 1);

	static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);

	/**
	 * FG-100 in plant 1000 changes its granulate on this day: RM-200 until the day
	 * before, RM-220 from it (an engineering change, for BOMs valid on a date).
	 */
	static final LocalDate GRANULATE_CHANGE = LocalDate.of(2026, 7, 1);

	private static final Map<String, String> PLANTS = Map.of("1000", "Millgate Works Bremen", "2000",
			"Millgate Works Leipzig");

	private static final Map<String, String> STORAGE_LOCATIONS = Map.of("0001", "Main warehouse", "0002", "Line supply",
			"0003", "Finished goods");

	private SeedMasterData() {
	}

	static void write(ErpData data) {
		new TreeSet<>(PLANTS.keySet()).forEach((plant) -> {
			insert(data, "Plant", "Plant", plant, "PlantName", PLANTS.get(plant), "FactoryCalendar", "01", "Language",
					"EN");
			new TreeSet<>(STORAGE_LOCATIONS.keySet()).forEach((location) -> insert(data, "StorageLocation", "Plant",
					plant, "StorageLocation", location, "StorageLocationName", STORAGE_LOCATIONS.get(location)));
		});
		storageLocations(data);
		billsOfMaterial(data);
	}

	// Where a material has stock in a plant, and its home location there.
	private static void storageLocations(ErpData data) {
		// one pass over the stock, however large the seed scale made it
		Map<String, Set<String>> stocked = new HashMap<>();
		for (Map<String, Object> row : data.table("MaterialStock").rows()) {
			String location = (String) row.get("StorageLocation");
			if (location != null && !location.isEmpty()) {
				stocked.computeIfAbsent(row.get("Material") + "/" + row.get("Plant"), (key) -> new TreeSet<>())
					.add(location);
			}
		}
		for (SeedMaterial material : SeedCatalog.MATERIALS) {
			for (String plant : material.plants()) {
				Set<String> locations = new TreeSet<>(stocked.getOrDefault(material.code() + "/" + plant, Set.of()));
				locations.add(material.storageLocation());
				for (String location : locations) {
					insert(data, "ProductStorageLocation", "Product", material.code(), "Plant", plant,
							"StorageLocation", location, "WarehouseStorageBin", "", "IsMarkedForDeletion",
							material.deleted());
				}
			}
		}
	}

	private static void billsOfMaterial(ErpData data) {
		int number = 0;
		for (SeedMaterial material : SeedCatalog.MATERIALS) {
			if (!material.produced()) {
				continue;
			}
			for (String plant : material.plants()) {
				String bom = digits(++number, 8);
				BigDecimal base = baseQuantity(material.unit());
				insert(data, "BillOfMaterial", "BillOfMaterial", bom, "BillOfMaterialCategory", "M",
						"BillOfMaterialVariant", "01", "BillOfMaterialVersion", "", "EngineeringChangeDocument", "",
						"Material", material.code(), "Plant", plant, "BillOfMaterialVariantUsage", "1",
						"HeaderValidityStartDate", day(BOM_FROM), "HeaderValidityEndDate", day(OPEN_END),
						"BOMHeaderBaseUnit", material.unit(), "BOMHeaderQuantityInBaseUnit", base,
						"IsMarkedForDeletion", material.deleted());
				int node = 0;
				int position = 0;
				for (SeedMaterial.BomLine line : material.bom()) {
					position += 10;
					boolean changes = "FG-100".equals(material.code()) && "1000".equals(plant)
							&& "RM-200".equals(line.material());
					LocalDate until = changes ? GRANULATE_CHANGE.minusDays(1) : OPEN_END;
					item(data, bom, material, plant, ++node, position, line.material(), line.perUnit().multiply(base),
							BOM_FROM, until);
					if (changes) {
						// an engineering change: the same item, another component from
						// the day on
						item(data, bom, material, plant, ++node, position, "RM-220", line.perUnit().multiply(base),
								GRANULATE_CHANGE, OPEN_END);
					}
				}
			}
		}
	}

	private static void item(ErpData data, String bom, SeedMaterial material, String plant, int node, int position,
			String component, BigDecimal quantity, LocalDate from, LocalDate until) {
		insert(data, "BillOfMaterialItem", "BillOfMaterial", bom, "BillOfMaterialCategory", "M",
				"BillOfMaterialVariant", "01", "BillOfMaterialVersion", "", "BillOfMaterialItemNodeNumber",
				digits(node, 8), "HeaderChangeDocument", "", "Material", material.code(), "Plant", plant,
				"BillOfMaterialItemNumber", digits(position, 4), "BillOfMaterialComponent", component,
				"BillOfMaterialItemCategory", "L", "BillOfMaterialItemQuantity",
				quantity.setScale(3, RoundingMode.HALF_EVEN), "BillOfMaterialItemUnit",
				SeedCatalog.material(component).unit(), "ValidityStartDate", day(from), "ValidityEndDate", day(until));
	}

	// The quantity a BOM's items refer to: one piece or pack, a hundred metres or litres.
	private static BigDecimal baseQuantity(String unit) {
		return switch (unit) {
			case "M", "L" -> BigDecimal.valueOf(100).setScale(3);
			default -> BigDecimal.ONE.setScale(3);
		};
	}

}
