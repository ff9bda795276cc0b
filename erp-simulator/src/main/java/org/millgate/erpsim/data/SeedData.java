package org.millgate.erpsim.data;

/**
 * The deterministic seed of the simulated ERP: a catalog of materials in plants 1000 and
 * 2000, fixtures that tests rely on, and a bulk of production orders, stock, reservations
 * and deliveries in every status, dated around 2026-03-02. The same scale always gives
 * the same data; scale N repeats the bulk N times under new keys and keeps the fixtures
 * once.
 */
public final class SeedData {

	private SeedData() {
	}

	/**
	 * Fills every table.
	 * @param scale how many times the bulk is generated, 1 by default
	 * @return new data
	 * @throws IllegalArgumentException for a scale below 1
	 */
	public static ErpData generate(int scale) {
		if (scale < 1) {
			throw new IllegalArgumentException("scale must be at least 1, not " + scale);
		}
		ErpData data = new ErpData();
		SeedMaterials.write(data);
		SeedFixtures.write(data);
		// Stock comes first in each round: deliveries pick their batches from it.
		for (int round = 0; round < scale; round++) {
			SeedStock.write(data, round);
			SeedOrders.write(data, round);
			SeedReservations.write(data, round);
			SeedDeliveries.write(data, round);
		}
		SeedMasterData.write(data);
		return data;
	}

}
