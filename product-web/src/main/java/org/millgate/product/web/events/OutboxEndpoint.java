package org.millgate.product.web.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/outbox}: what waits in a product's outbox and the events Kafka refused
 * for good, for an operator (management clients only, as all of {@code /actuator} beyond
 * health); {@code POST /actuator/outbox/{id}} puts a dead letter back once its cause is
 * fixed. {@code ./millgate events dead-letters} and {@code requeue} call it.
 */
@Endpoint(id = "outbox")
public final class OutboxEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(OutboxEndpoint.class);

	private final EventOutbox outbox;

	public OutboxEndpoint(EventOutbox outbox) {
		this.outbox = outbox;
	}

	@ReadOperation
	public Map<String, Object> outbox() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("waiting", this.outbox.waiting());
		List<Map<String, Object>> dead = this.outbox.deadLetters().stream().map((letter) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("id", letter.id());
			entry.put("eventId", letter.event().id());
			entry.put("type", letter.event().type());
			entry.put("topic", letter.event().topic());
			entry.put("key", letter.event().key());
			entry.put("reason", letter.reason());
			entry.put("deadLetteredAt", letter.deadLetteredAt().toString());
			return entry;
		}).toList();
		json.put("deadLetters", dead);
		return json;
	}

	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> requeue(@Selector String id) {
		if (!this.outbox.requeue(id)) {
			return new WebEndpointResponse<>(Map.of("requeued", false, "detail", "There is no dead letter " + id + "."),
					404);
		}
		logger.info("Dead letter {} put back into the outbox by an operator", id);
		return new WebEndpointResponse<>(Map.of("requeued", true), 200);
	}

}
