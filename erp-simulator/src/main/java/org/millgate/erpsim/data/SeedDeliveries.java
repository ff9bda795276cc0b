package org.millgate.erpsim.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.millgate.erpsim.data.SeedDelivery.Stage;

import static org.millgate.erpsim.data.SeedDelivery.Stage.DELIVERED;
import static org.millgate.erpsim.data.SeedDelivery.Stage.PACKING;
import static org.millgate.erpsim.data.SeedDelivery.Stage.PICKED;
import static org.millgate.erpsim.data.SeedDelivery.Stage.PICKING;
import static org.millgate.erpsim.data.SeedDelivery.Stage.PLANNED;
import static org.millgate.erpsim.data.SeedDelivery.Stage.QUALITY_HOLD;
import static org.millgate.erpsim.data.SeedDelivery.Stage.READY;
import static org.millgate.erpsim.data.SeedDelivery.Stage.SHIPPED;
import static org.millgate.erpsim.data.SeedRows.TODAY;
import static org.millgate.erpsim.data.SeedRows.between;
import static org.millgate.erpsim.data.SeedRows.earliest;

/**
 * The bulk of outbound deliveries of finished goods, numbered after the fixtures, their
 * stages dealt from a deck. Batches come from unrestricted batch stock, except on a
 * quality hold, whose batch is put into quality inspection stock here.
 */
final class SeedDeliveries {

	static final int PER_ROUND = 110;

	private static final Stage[] DECK = { PLANNED, PICKING, PICKED, READY, SHIPPED, PACKING, DELIVERED, READY, PLANNED,
			PICKED, SHIPPED, QUALITY_HOLD, READY, PICKING, DELIVERED, PLANNED, PACKING, PICKED, READY, SHIPPED };

	private SeedDeliveries() {
	}

	static void write(ErpData data, int round) {
		Map<String, List<String>> batches = releasedBatches(data);
		for (int i = 0; i < PER_ROUND; i++) {
			// The fixtures hold 80000001-80000003.
			String number = Long.toString(80_000_004L + (long) round * PER_ROUND + i);
			Random random = SeedRows.random(number);
			Stage stage = DECK[i % DECK.length];
			String plant = random.nextBoolean() ? "1000" : "2000";
			// Only customers that confirm receipt reach proof of delivery.
			String shipTo = Long.toString(17_100_001L + random.nextInt((stage == DELIVERED) ? 5 : 9));
			boolean blockable = stage == PLANNED || stage == PICKED || stage == READY;
			String block = (blockable && random.nextInt(5) == 0) ? (random.nextBoolean() ? "C" : "B") : "";
			boolean packing = stage == PACKING || random.nextInt(6) != 0;
			List<SeedMaterial> products = new ArrayList<>(SeedCatalog.produced(plant, true));
			Collections.shuffle(products, random);
			List<SeedDelivery.Item> items = new ArrayList<>();
			int count = between(random, 1, 4);
			if (stage == QUALITY_HOLD) {
				SeedMaterial held = products.stream().filter(SeedMaterial::batchManaged).findFirst().orElseThrow();
				products.remove(held);
				long quantity = quantity(held.unit(), random);
				SeedStock.row(data, held.code(), plant, "0003", "QI" + number, SeedStock.QUALITY_INSPECTION, quantity);
				items.add(new SeedDelivery.Item(held.code(), "QI" + number, quantity, held.unit()));
			}
			for (SeedMaterial product : products.subList(0, count - items.size())) {
				items.add(item(product, plant, batches, random));
			}
			LocalDate planned = TODAY.plusDays(switch (stage) {
				case PLANNED -> between(random, 2, 20);
				case SHIPPED -> -between(random, 0, 6);
				case DELIVERED -> -between(random, 5, 45);
				default -> between(random, -1, 4);
			});
			LocalDate arrival = planned.plusDays(between(random, 1, 3));
			boolean issued = stage == SHIPPED || stage == DELIVERED;
			LocalDate changed = issued ? earliest((stage == DELIVERED) ? arrival : planned, TODAY)
					: TODAY.minusDays(between(random, 0, (stage == PLANNED) ? 5 : 1));
			// Created before goods issue is planned, never after its last change.
			LocalDate created = earliest(planned.minusDays(3), changed);
			SeedDeliveryRows.write(data, new SeedDelivery(number, plant, plant, shipTo, stage, block, packing, planned,
					issued ? planned : null, arrival, created, changed, items));
		}
	}

	// Customers order some products by the carton.
	private static SeedDelivery.Item item(SeedMaterial product, String plant, Map<String, List<String>> batches,
			Random random) {
		String batch = "";
		if (product.batchManaged()) {
			List<String> released = batches.get(product.code() + "/" + plant);
			batch = released.get(random.nextInt(released.size()));
		}
		if (product.convertsTo("KAR") && random.nextInt(6) == 0) {
			return new SeedDelivery.Item(product.code(), batch, between(random, 1, 20), "KAR");
		}
		return new SeedDelivery.Item(product.code(), batch, quantity(product.unit(), random), product.unit());
	}

	private static long quantity(String unit, Random random) {
		return switch (unit) {
			case "M" -> 25L * between(random, 1, 20);
			case "L" -> 12L * between(random, 1, 20);
			default -> 5L * between(random, 1, 40);
		};
	}

	private static Map<String, List<String>> releasedBatches(ErpData data) {
		Map<String, List<String>> batches = new HashMap<>();
		for (Map<String, Object> row : data.table("MaterialStock").rows()) {
			String batch = (String) row.get("Batch");
			if (!batch.isEmpty() && SeedStock.UNRESTRICTED.equals(row.get("InventoryStockType"))) {
				batches.computeIfAbsent(row.get("Material") + "/" + row.get("Plant"), (key) -> new ArrayList<>())
					.add(batch);
			}
		}
		return batches;
	}

}
