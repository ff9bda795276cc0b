package org.millgate.changefeed.sources;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.millgate.erp.model.Quantity;

/**
 * The pieces every event's data is made of, written as the event contracts say.
 */
final class Payloads {

	private Payloads() {
	}

	static Map<String, Object> quantity(Quantity quantity) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("value", quantity.value());
		json.put("unit", quantity.unit().code());
		return json;
	}

	static OffsetDateTime at(LocalDateTime local, ZoneId zone) {
		return (local != null) ? local.atZone(zone).toOffsetDateTime() : null;
	}

	static OffsetDateTime day(LocalDate date, ZoneId zone) {
		return (date != null) ? date.atStartOfDay(zone).toOffsetDateTime() : null;
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * The schema of an event's data.
	 * @param product e.g. {@code production-orders}
	 * @param version e.g. {@code v1}
	 * @param schema e.g. {@code OrderReleasedData}
	 * @return its URI, as the contracts give it in {@code ce_dataschema}
	 */
	static String dataschema(String product, String version, String schema) {
		return "https://millgate.dev/events/" + product + "/" + version + "#/components/schemas/" + schema;
	}

}
