package org.millgate.consumers.partner;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partner ACME's webhook endpoint for shipment events: it plans the goods receipt of a
 * shipment announced ready, from the shipment, the ship-to party, the planned delivery
 * date and what is on it; it deduplicates by the event's id (the {@code webhook-id}).
 */
final class PartnerWebhooks {

	static final String READY = "dev.millgate.shipments.ready-for-shipment";

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private PartnerWebhooks() {
	}

	static Delivery delivery(byte[] body) {
		Delivery delivery = JSON.readValue(body, Delivery.class);
		if (!READY.equals(delivery.type())) {
			throw new IllegalArgumentException("not a ready shipment: " + delivery.type());
		}
		return delivery;
	}

	record Delivery(String id, String type, String subject, String time, Ready data) {

	}

	record Ready(String shipmentId, String shipTo, LocalDate plannedDeliveryDate, Checks checks, List<Item> items) {

	}

	record Checks(boolean qualityReleased) {

	}

	record Item(String material, Quantity quantity) {

	}

	record Quantity(BigDecimal value, String unit) {

	}

}
