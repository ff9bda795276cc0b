package org.millgate.erpsim.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.millgate.erpsim.data.SeedRows.TODAY;
import static org.millgate.erpsim.data.SeedRows.between;
import static org.millgate.erpsim.data.SeedRows.digits;

/**
 * The bulk of reservations no production order owns (cost-center consumption, samples),
 * numbered after the fixtures'. They reserve components and packaging, never finished
 * goods, so FG-100's reserved quantity stays the fixtures' alone.
 */
final class SeedReservations {

	static final int PER_ROUND = 40;

	private SeedReservations() {
	}

	static void write(ErpData data, int round) {
		for (int i = 0; i < PER_ROUND; i++) {
			// The fixtures hold 0009000001 and 0009000002.
			String number = digits(9_000_003L + (long) round * PER_ROUND + i, 10);
			Random random = SeedRows.random(number);
			String plant = random.nextBoolean() ? "1000" : "2000";
			List<SeedMaterial> materials = new ArrayList<>(SeedCatalog.MATERIALS.stream()
				.filter((material) -> !material.finished() && !material.deleted() && material.in(plant))
				.toList());
			Collections.shuffle(materials, random);
			LocalDate date = LocalDate.of(2026, 1, 5).plusDays(between(random, 0, 170));
			int items = between(random, 1, 3);
			for (int item = 0; item < items; item++) {
				SeedMaterial material = materials.get(item);
				long required = ("G".equals(material.unit()) ? 100L : 1L) * between(random, 1, 40) * 5;
				// A reservation due later has not been touched yet.
				int state = date.isAfter(TODAY) ? 0 : random.nextInt(4);
				long withdrawn = (state == 3) ? required : (state == 2) ? required / 2 : 0;
				SeedComponents.standalone(data, number, item + 1, material.code(), plant, required, withdrawn,
						state == 3, date);
			}
		}
	}

}
