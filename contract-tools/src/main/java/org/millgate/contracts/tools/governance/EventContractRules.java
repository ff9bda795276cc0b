package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.contracts.openapi.OpenApiTree;

/**
 * The governance rules every event contract (AsyncAPI 3) keeps, beside the structure
 * AsyncAPI's own schema and parser check:
 * <ul>
 * <li>{@value #CLOUD_EVENTS}: every message is a CloudEvent in Kafka's binary mode: its
 * headers require the CloudEvents attributes Millgate sends ({@code ce_specversion} 1.0,
 * {@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_time}, {@code ce_subject},
 * {@code content-type}, {@code ce_correlationid}), and its {@code ce_type} is one
 * constant {@code dev.millgate.<product>.<kebab-case-event>};</li>
 * <li>{@value #KEYED}: every message has a Kafka key (what stays in order together);</li>
 * <li>{@value #CLOSED_PAYLOADS}: every payload is a closed object
 * ({@code additionalProperties: false}) that requires {@code plant}, so that every event
 * can be authorized per plant, with lowerCamelCase properties;</li>
 * <li>{@value #EXAMPLES_PRESENT}: every message has an example;</li>
 * <li>{@value #ONE_TOPIC}: one channel, whose address is the product's topic of the
 * version ({@code millgate.<product>.events.v<major>}).</li>
 * </ul>
 */
public final class EventContractRules {

	static final String CLOUD_EVENTS = "cloud-events";

	static final String KEYED = "keyed-messages";

	static final String CLOSED_PAYLOADS = "closed-payloads";

	static final String EXAMPLES_PRESENT = "event-examples-present";

	static final String ONE_TOPIC = "one-topic";

	private static final Set<String> REQUIRED_HEADERS = Set.of("ce_specversion", "ce_id", "ce_source", "ce_type",
			"ce_time", "ce_subject", "content-type", "ce_correlationid");

	private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");

	private EventContractRules() {
	}

	/**
	 * Every rule over every event contract of a catalog.
	 * @param catalog the catalog
	 * @return every violation, empty when all rules hold
	 */
	public static List<Violation> check(ContractCatalog catalog) {
		List<Violation> violations = new ArrayList<>();
		for (EventProduct product : catalog.eventProducts()) {
			for (ProductVersion version : product.versions()) {
				catalog.eventContract(product.id(), version.version())
					.ifPresent((document) -> violations.addAll(check(product, version, document)));
			}
		}
		return violations;
	}

	/**
	 * Every rule over one event contract.
	 * @param product its event product
	 * @param version its version
	 * @param document the AsyncAPI document
	 * @return every violation
	 */
	public static List<Violation> check(EventProduct product, ProductVersion version, ContractDocument document) {
		List<Violation> violations = new ArrayList<>();
		OpenApiTree tree = new OpenApiTree(document.tree());
		JsonNode channels = tree.root().path("channels");
		String topic = product.topic(version.version());
		if (channels.size() != 1 || !topic.equals(tree.resolve(channels.elements().next()).path("address").asText())) {
			violations
				.add(new Violation(ONE_TOPIC, document.name(), "$.channels", "one channel, whose address is " + topic));
		}
		JsonNode messages = tree.root().path("components").path("messages");
		messages.fields().forEachRemaining((entry) -> {
			String at = "$.components.messages." + entry.getKey();
			JsonNode message = tree.resolve(entry.getValue());
			JsonNode headers = tree.resolve(message.path("headers"));
			List<String> required = new ArrayList<>();
			headers.path("required").forEach((name) -> required.add(name.asText()));
			List<String> missing = REQUIRED_HEADERS.stream()
				.filter((name) -> !required.contains(name))
				.sorted()
				.toList();
			if (!missing.isEmpty()) {
				violations.add(new Violation(CLOUD_EVENTS, document.name(), at + ".headers",
						"the headers must require the CloudEvents attributes " + missing));
			}
			if (!"1.0".equals(headers.at("/properties/ce_specversion/const").asText())) {
				violations.add(new Violation(CLOUD_EVENTS, document.name(), at + ".headers.properties.ce_specversion",
						"ce_specversion must be the constant '1.0'"));
			}
			String type = headers.at("/properties/ce_type/const").asText("");
			if (!type.matches("dev\\.millgate\\." + Pattern.quote(product.id()) + "\\.[a-z]+(-[a-z]+)*")) {
				violations.add(new Violation(CLOUD_EVENTS, document.name(), at + ".headers.properties.ce_type",
						"ce_type must be one constant dev.millgate." + product.id() + ".<kebab-case-event>, not '"
								+ type + "'"));
			}
			if (!message.at("/bindings/kafka/key").isObject()) {
				violations.add(new Violation(KEYED, document.name(), at + ".bindings.kafka.key",
						"every message needs a Kafka key: what stays in order together"));
			}
			JsonNode payload = tree.resolve(message.path("payload"));
			if (payload.path("additionalProperties").asBoolean(true)) {
				violations.add(new Violation(CLOSED_PAYLOADS, document.name(), at + ".payload",
						"the payload must be closed (additionalProperties: false)"));
			}
			List<String> fields = new ArrayList<>();
			payload.path("required").forEach((name) -> fields.add(name.asText()));
			if (!fields.contains("plant")) {
				violations.add(new Violation(CLOSED_PAYLOADS, document.name(), at + ".payload.required",
						"the payload must require 'plant', so that the event can be authorized per plant"));
			}
			payload.path("properties").fieldNames().forEachRemaining((name) -> {
				if (!CAMEL_CASE.matcher(name).matches()) {
					violations.add(new Violation(CLOSED_PAYLOADS, document.name(), at + ".payload.properties." + name,
							"payload properties are lowerCamelCase"));
				}
			});
			if (message.path("examples").isEmpty()) {
				violations.add(new Violation(EXAMPLES_PRESENT, document.name(), at + ".examples",
						"every message needs an example with headers and payload"));
			}
		});
		if (messages.isEmpty()) {
			violations.add(new Violation(CLOUD_EVENTS, document.name(), "$.components.messages",
					"an event contract defines its messages under components.messages"));
		}
		return violations;
	}

}
