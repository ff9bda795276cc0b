package org.millgate.reconciliation.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of a mismatch's evidence, as the contract shows them.
 */
final class Evidence {

	private Evidence() {
	}

	static Map<String, Object> of(Map<String, Object> erp, Map<String, Object> reported,
			List<Map<String, Object>> inFlight) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("erp", erp);
		evidence.put("reported", reported);
		evidence.put("inFlight", inFlight);
		return evidence;
	}

	static Map<String, Object> erp(Map<String, Object> value, Instant at) {
		Map<String, Object> erp = new LinkedHashMap<>();
		erp.put("value", value);
		erp.put("at", at.toString());
		return erp;
	}

	static Map<String, Object> reported(String system, String reporter, String reportId, Map<String, Object> value,
			Instant at) {
		Map<String, Object> reported = new LinkedHashMap<>();
		reported.put("system", system);
		reported.put("reporter", reporter);
		reported.put("reportId", reportId);
		reported.put("value", value);
		reported.put("at", at.toString());
		return reported;
	}

	static Map<String, Object> quantity(BigDecimal value, String unit) {
		Map<String, Object> quantity = new LinkedHashMap<>();
		quantity.put("value", value.setScale(3, RoundingMode.HALF_EVEN));
		quantity.put("unit", unit);
		return quantity;
	}

	static Map<String, Object> value(String name, Object value) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(name, value);
		return map;
	}

}
