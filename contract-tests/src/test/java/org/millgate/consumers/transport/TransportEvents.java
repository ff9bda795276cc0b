package org.millgate.consumers.transport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transport system's handler of shipment events: it books a truck for a shipment
 * ready for shipment, from the plant, the ship-to party, the date and what is on it.
 */
final class TransportEvents {

	static final String READY = "dev.millgate.shipments.ready-for-shipment";

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private TransportEvents() {
	}

	static Ready ready(byte[] value, Map<String, ?> headers) {
		if (!READY.equals(headers.get("ce_type"))) {
			throw new IllegalArgumentException("not a ready shipment: " + headers.get("ce_type"));
		}
		return JSON.readValue(value, Ready.class);
	}

	record Ready(String shipmentId, String plant, String shipTo, LocalDate plannedGoodsIssueDate, List<Item> items) {

	}

	record Item(String material, Quantity quantity) {

	}

	record Quantity(BigDecimal value, String unit) {

	}

}
