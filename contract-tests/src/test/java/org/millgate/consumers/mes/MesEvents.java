package org.millgate.consumers.mes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MES's handler of the production order events it consumes from Kafka: it reads the
 * CloudEvents headers it needs and the fields of the data it uses, nothing else.
 */
final class MesEvents {

	static final String ORDER_RELEASED = "dev.millgate.production-orders.order-released";

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private MesEvents() {
	}

	/**
	 * An order the shop floor may start.
	 * @param value the record's value
	 * @param headers the record's headers
	 * @return the release
	 */
	static OrderReleased orderReleased(byte[] value, Map<String, ?> headers) {
		if (!ORDER_RELEASED.equals(headers.get("ce_type"))) {
			throw new IllegalArgumentException("not an order release: " + headers.get("ce_type"));
		}
		return JSON.readValue(value, OrderReleased.class);
	}

	record OrderReleased(String orderId, String plant, String material, Quantities quantities,
			OffsetDateTime releasedAt) {

	}

	record Quantities(Quantity planned) {

	}

	record Quantity(BigDecimal value, String unit) {

	}

}
