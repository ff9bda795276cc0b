package org.millgate.contracts.tools.governance;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.ProductVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event contracts' governance rules: the catalog's contracts keep them, and a
 * contract that breaks each one is told which rule, where.
 */
class EventContractRulesTests {

	private static final YAMLMapper yaml = new YAMLMapper();

	private final ContractCatalog catalog = ContractCatalog.load();

	@Test
	void every_event_contract_of_the_catalog_keeps_the_rules() {
		assertThat(EventContractRules.check(this.catalog)).isEmpty();
	}

	@Test
	void a_contract_breaking_each_rule_is_told_which_and_where() throws Exception {
		EventProduct product = this.catalog.eventProduct("production-orders").orElseThrow();
		ProductVersion v1 = product.version("v1").orElseThrow();
		ObjectNode tree = (ObjectNode) this.catalog.eventContract("production-orders", "v1").orElseThrow().tree();
		tree.path("channels").forEach((channel) -> ((ObjectNode) channel).put("address", "orders"));
		String name = tree.path("components").path("messages").fieldNames().next();
		ObjectNode message = (ObjectNode) tree.path("components").path("messages").path(name);
		ArrayNode required = (ArrayNode) message.path("headers").path("required");
		for (int i = required.size() - 1; i >= 0; i--) {
			if (required.get(i).asText().equals("ce_correlationid")) {
				required.remove(i);
			}
		}
		((ObjectNode) message.path("headers").path("properties").path("ce_type")).put("const",
				"com.example.OrderReleased");
		((ObjectNode) message.path("bindings").path("kafka")).remove("key");
		message.remove("examples");
		JsonNode payload = tree.at(message.path("payload").path("$ref").asText().substring(1));
		((ObjectNode) payload).put("additionalProperties", true);
		((ObjectNode) payload.path("properties")).putObject("Order_Type").put("type", "string");

		List<Violation> violations = EventContractRules.check(product, v1,
				ContractDocument.of(v1.contract(), yaml.writeValueAsString(tree)));

		assertThat(violations).extracting(Violation::rule)
			.containsExactlyInAnyOrder("one-topic", "cloud-events", "cloud-events", "keyed-messages", "closed-payloads",
					"closed-payloads", "event-examples-present");
		assertThat(violations).map(Violation::toString)
			.anySatisfy((text) -> assertThat(text).contains("[ce_correlationid]"))
			.anySatisfy((text) -> assertThat(text).contains("millgate.production-orders.events.v1"))
			.anySatisfy((text) -> assertThat(text).contains("Order_Type"));
	}

}
