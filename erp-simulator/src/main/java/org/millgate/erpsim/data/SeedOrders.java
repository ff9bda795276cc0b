package org.millgate.erpsim.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.millgate.erpsim.data.SeedOrderStage.CLOSED;
import static org.millgate.erpsim.data.SeedOrderStage.CONFIRMED;
import static org.millgate.erpsim.data.SeedOrderStage.CREATED;
import static org.millgate.erpsim.data.SeedOrderStage.DELIVERED;
import static org.millgate.erpsim.data.SeedOrderStage.PARTIALLY_CONFIRMED;
import static org.millgate.erpsim.data.SeedOrderStage.PARTIALLY_DELIVERED;
import static org.millgate.erpsim.data.SeedOrderStage.PARTIALLY_RELEASED;
import static org.millgate.erpsim.data.SeedOrderStage.RELEASED;
import static org.millgate.erpsim.data.SeedOrderStage.TECHNICALLY_COMPLETED;
import static org.millgate.erpsim.data.SeedRows.TODAY;
import static org.millgate.erpsim.data.SeedRows.between;

/**
 * The bulk of production orders: per round and plant a fixed number, numbered after the
 * fixtures, their stages dealt from a deck so that every stage occurs in every round.
 */
final class SeedOrders {

	static final int PER_PLANT = 108;

	private static final SeedOrderStage[] DECK = { CREATED, RELEASED, PARTIALLY_CONFIRMED, CONFIRMED, CREATED, RELEASED,
			TECHNICALLY_COMPLETED, DELIVERED, PARTIALLY_DELIVERED, CREATED, PARTIALLY_RELEASED, RELEASED, CLOSED,
			PARTIALLY_CONFIRMED, CREATED, RELEASED, TECHNICALLY_COMPLETED, CONFIRMED, PARTIALLY_DELIVERED, DELIVERED,
			RELEASED, PARTIALLY_CONFIRMED, TECHNICALLY_COMPLETED, CLOSED };

	private SeedOrders() {
	}

	static void write(ErpData data, int round) {
		// The fixtures hold 1000001-1000003 and 2000001.
		write(data, round, "1000", 1_000_004L);
		write(data, round, "2000", 2_000_002L);
	}

	private static void write(ErpData data, int round, String plant, long first) {
		List<SeedMaterial> producible = SeedCatalog.produced(plant, false);
		for (int i = 0; i < PER_PLANT; i++) {
			String number = Long.toString(first + (long) round * PER_PLANT + i);
			Random random = SeedRows.random(number);
			SeedOrderStage stage = DECK[i % DECK.length];
			SeedMaterial material = producible.get(random.nextInt(producible.size()));
			// Only an order with several operations can be partially released.
			while (stage == PARTIALLY_RELEASED && material.routing().size() < 2) {
				material = producible.get(random.nextInt(producible.size()));
			}
			long quantity = quantity(material.unit(), random);
			long plannedScrap = (random.nextInt(4) == 0) ? Math.max(1, quantity / 50) : 0;
			int days = between(random, 1, 5);
			LocalDate start = start(stage, random);
			if (stage == PARTIALLY_CONFIRMED || stage == PARTIALLY_DELIVERED) {
				// Work in progress: started before today, ends after it.
				days = (int) (TODAY.toEpochDay() - start.toEpochDay()) + between(random, 1, 4);
			}
			boolean deleted = (stage == CREATED || stage == TECHNICALLY_COMPLETED) && random.nextInt(5) == 0;
			boolean locked = (stage == RELEASED || stage == PARTIALLY_CONFIRMED) && random.nextInt(6) == 0;
			SeedOrderRows.write(data, new SeedOrder(number, plant, material, stage, quantity, plannedScrap, start, days,
					deleted, locked, userStatus(stage, random)));
		}
	}

	private static long quantity(String unit, Random random) {
		return switch (unit) {
			case "M" -> 25L * between(random, 4, 80);
			case "L" -> 50L * between(random, 2, 40);
			default -> 10L * between(random, 2, 100);
		};
	}

	// Planned orders lie ahead (to June), finished ones behind (from January).
	private static LocalDate start(SeedOrderStage stage, Random random) {
		int offset = switch (stage) {
			case CREATED -> between(random, 7, 110);
			case PARTIALLY_RELEASED, RELEASED -> between(random, -2, 10);
			case PARTIALLY_CONFIRMED, PARTIALLY_DELIVERED -> -between(random, 1, 8);
			case CONFIRMED -> -between(random, 8, 25);
			case DELIVERED -> -between(random, 12, 40);
			case TECHNICALLY_COMPLETED -> -between(random, 15, 50);
			case CLOSED -> -between(random, 50, 58);
		};
		return TODAY.plusDays(offset);
	}

	private static String userStatus(SeedOrderStage stage, Random random) {
		boolean running = stage == RELEASED || stage == PARTIALLY_CONFIRMED || stage == CONFIRMED;
		if (running && random.nextInt(8) == 0) {
			return "QHLD";
		}
		if ((stage == CREATED || stage == RELEASED) && random.nextInt(10) == 0) {
			return "MATL";
		}
		return "";
	}

}
