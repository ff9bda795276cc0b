package org.millgate.erpsim.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system statuses of production orders, kept in step with the order's flags.
 */
final class Statuses {

	private static final Map<String, String[]> NAMES = Map.of("I0001", new String[] { "CRTD", "Created" }, "I0002",
			new String[] { "REL", "Released" }, "I0010", new String[] { "PCNF", "Partially confirmed" }, "I0009",
			new String[] { "CNF", "Confirmed" }, "I0045", new String[] { "TECO", "Technically completed" }, "I0046",
			new String[] { "CLSD", "Closed" }, "I0076", new String[] { "DLFL", "Deletion flag" });

	private Statuses() {
	}

	static void add(ErpData data, String order, String code) {
		Table statuses = data.table("ProductionOrderStatus");
		boolean present = statuses.rows()
			.stream()
			.anyMatch((row) -> order.equals(row.get("ManufacturingOrder")) && code.equals(row.get("StatusCode")));
		if (!present) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("ManufacturingOrder", order);
			row.put("StatusCode", code);
			row.put("StatusShortName", NAMES.get(code)[0]);
			row.put("StatusName", NAMES.get(code)[1]);
			row.put("IsUserStatus", false);
			statuses.insert(row);
		}
	}

	static void remove(ErpData data, String order, String code) {
		data.table("ProductionOrderStatus")
			.removeIf((row) -> order.equals(row.get("ManufacturingOrder")) && code.equals(row.get("StatusCode")));
	}

	static void replace(ErpData data, String order, String oldCode, String newCode) {
		remove(data, order, oldCode);
		add(data, order, newCode);
	}

}
