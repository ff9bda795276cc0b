package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * What every seed class shares: the data's "today", row building, quantities and seeded
 * randomness.
 */
final class SeedRows {

	/**
	 * The day the data describes: orders before it have run, orders after it are planned.
	 */
	static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

	private SeedRows() {
	}

	// Pairs keep each writer a readable list of columns and values, in table order.
	static void insert(ErpData data, String table, Object... columnsAndValues) {
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 0; i < columnsAndValues.length; i += 2) {
			row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
		}
		data.table(table).insert(row);
	}

	static LocalDateTime day(LocalDate date) {
		return (date != null) ? date.atStartOfDay() : null;
	}

	// SAP shows quantities with three decimals.
	static BigDecimal qty(long value) {
		return BigDecimal.valueOf(value).setScale(3);
	}

	// Pieces, packs and cartons cannot be split: their amounts round to whole units.
	static BigDecimal amount(String unit, BigDecimal value, RoundingMode mode) {
		boolean counted = "ST".equals(unit) || "PAK".equals(unit) || "KAR".equals(unit);
		return counted ? value.setScale(0, mode).setScale(3) : value.setScale(3, mode);
	}

	static String digits(long value, int width) {
		String text = Long.toString(value);
		return "0".repeat(Math.max(0, width - text.length())) + text;
	}

	static LocalDate earliest(LocalDate first, LocalDate second) {
		return first.isBefore(second) ? first : second;
	}

	static LocalDate latest(LocalDate first, LocalDate second) {
		return first.isAfter(second) ? first : second;
	}

	static int between(Random random, int low, int high) {
		return low + random.nextInt(high - low + 1);
	}

	// Every entity draws from its own generator, seeded by its key, so it keeps its
	// values whatever else is generated: scale 1 is the first part of scale N. The
	// hash is mixed because java.util.Random draws alike first values for near seeds.
	static Random random(String key) {
		long z = key.hashCode() * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return new Random(z ^ (z >>> 31));
	}

}
