package org.millgate.orders.web;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.millgate.web.JsonText;

/**
 * One confirmation, two shapes: v1's {@code yieldQuantity}, {@code scrapQuantity} and
 * {@code unit}, v2's {@code yield} and {@code scrap} quantities. Idempotency keys are
 * matched on what a request means ({@code ConfirmationCommand.canonical}), so that a
 * consumer moving to v2 that retries a v1 confirmation with its key gets the first
 * answer, in the shape it asked for, instead of a refusal that would push it to a new key
 * and a second booking.
 */
final class ConfirmationShapes {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ConfirmationShapes() {
	}

	/**
	 * A v2 confirmation request as its v1 twin, for the fingerprint keys were claimed
	 * with before they were matched on what a request means (such keys live a day).
	 * @param v2 the request body
	 * @return the same request in v1's shape
	 */
	static JsonNode requestAsV1(JsonNode v2) {
		ObjectNode v1 = NODES.objectNode();
		v2.properties().forEach((entry) -> {
			switch (entry.getKey()) {
				case "yield" -> {
					v1.set("yieldQuantity", entry.getValue().path("value"));
					v1.set("unit", entry.getValue().path("unit"));
				}
				case "scrap" -> v1.set("scrapQuantity", entry.getValue().path("value"));
				default -> v1.set(entry.getKey(), entry.getValue());
			}
		});
		return v1;
	}

	/**
	 * A stored confirmation answer in the shape of the version that asks for it.
	 * @param body the stored answer (either shape)
	 * @param v2 whether the caller speaks v2
	 * @return the answer in its shape
	 */
	static String answerIn(String body, boolean v2) {
		JsonNode stored = JsonText.read(body.getBytes(StandardCharsets.UTF_8));
		boolean storedV2 = stored.has("yield");
		if (!stored.isObject() || storedV2 == v2) {
			return body;
		}
		ObjectNode answer = NODES.objectNode();
		stored.properties().forEach((entry) -> {
			String name = entry.getKey();
			JsonNode value = entry.getValue();
			if (v2) {
				switch (name) {
					case "yieldQuantity" -> answer.set("yield", quantity(value, stored.path("unit")));
					case "scrapQuantity" -> answer.set("scrap", quantity(value, stored.path("unit")));
					case "unit" -> {
						// travels inside the quantities
					}
					default -> answer.set(name, value);
				}
			}
			else {
				switch (name) {
					case "yield" -> {
						answer.set("yieldQuantity", value.path("value"));
						answer.set("scrapQuantity", stored.path("scrap").path("value"));
						answer.set("unit", value.path("unit"));
					}
					case "scrap" -> {
						// written with yield
					}
					default -> answer.set(name, value);
				}
			}
		});
		return JsonText.string(answer);
	}

	private static ObjectNode quantity(JsonNode value, JsonNode unit) {
		ObjectNode quantity = NODES.objectNode();
		quantity.set("value", value);
		quantity.set("unit", unit);
		return quantity;
	}

}
