package org.millgate.contracts.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event products' AsyncAPI contracts: valid AsyncAPI 3.0 documents (the official JSON
 * Schema), each message a CloudEvent in Kafka's binary mode with a key, and every example
 * valid against the schemas it illustrates.
 */
class EventContractsTests {

	private static final ObjectMapper json = new ObjectMapper();

	/** The CloudEvents attributes every event carries, as Kafka headers. */
	private static final Set<String> REQUIRED_HEADERS = Set.of("ce_specversion", "ce_id", "ce_source", "ce_type",
			"ce_time", "ce_subject", "content-type", "ce_correlationid");

	static ContractCatalog catalog;

	static Schema asyncApi;

	static SchemaRegistry draft7 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

	@BeforeAll
	static void load() throws IOException {
		catalog = ContractCatalog.load();
		try (InputStream in = EventContractsTests.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
			asyncApi = draft7.getSchema(in, InputFormat.JSON);
		}
	}

	@Test
	void should_list_the_four_event_products_each_with_its_contract() {
		assertThat(catalog.eventProducts()).extracting(EventProduct::id)
			.containsExactly("production-orders", "inventory", "shipments", "integration");
		for (EventProduct product : catalog.eventProducts()) {
			for (ProductVersion version : product.versions()) {
				assertThat(catalog.eventContract(product.id(), version.version())).as(version.contract()).isPresent();
			}
		}
		assertThat(catalog.eventProduct("inventory").orElseThrow().topic("v1"))
			.isEqualTo("millgate.inventory.events.v1");
	}

	@Test
	void every_event_contract_is_a_valid_asyncapi_3_document() throws IOException {
		for (ContractDocument document : eventContracts()) {
			List<Error> errors = asyncApi.validate(json.writeValueAsString(document.tree()), InputFormat.JSON);
			assertThat(errors).as("%s against the AsyncAPI 3.0.0 schema", document.name()).isEmpty();
		}
	}

	@Test
	void every_message_is_a_cloud_event_in_binary_mode_with_a_key_and_a_closed_payload_naming_its_plant() {
		for (EventProduct product : catalog.eventProducts()) {
			for (ProductVersion version : product.versions()) {
				JsonNode tree = catalog.eventContract(product.id(), version.version()).orElseThrow().tree();
				JsonNode messages = tree.path("components").path("messages");
				assertThat(messages.size()).as("%s messages", version.contract()).isPositive();
				messages.fields().forEachRemaining((entry) -> {
					String at = version.contract() + " message " + entry.getKey();
					JsonNode message = entry.getValue();
					JsonNode headers = message.path("headers");
					List<String> required = new ArrayList<>();
					headers.path("required").forEach((name) -> required.add(name.asText()));
					assertThat(required).as("%s required headers", at).containsAll(REQUIRED_HEADERS);
					assertThat(headers.at("/properties/ce_specversion/const").asText()).as(at).isEqualTo("1.0");
					assertThat(headers.at("/properties/ce_type/const").asText()).as("%s ce_type", at)
						.startsWith("dev.millgate." + product.id() + ".")
						.matches("dev\\.millgate\\.[a-z-]+\\.[a-z]+(-[a-z]+)*");
					assertThat(message.at("/bindings/kafka/key").isObject()).as("%s kafka key", at).isTrue();
					JsonNode payload = resolve(tree, message.path("payload"));
					assertThat(payload.path("additionalProperties").asBoolean(true)).as("%s closed payload", at)
						.isFalse();
					List<String> fields = new ArrayList<>();
					payload.path("required").forEach((name) -> fields.add(name.asText()));
					assertThat(fields).as("%s payload names its plant", at).contains("plant");
					assertThat(message.path("examples").size()).as("%s examples", at).isPositive();
				});
			}
		}
	}

	@Test
	void every_example_is_valid_against_the_headers_and_payload_it_illustrates() throws IOException {
		for (ContractDocument document : eventContracts()) {
			JsonNode tree = document.tree();
			var messages = tree.path("components").path("messages").fields();
			while (messages.hasNext()) {
				Map.Entry<String, JsonNode> entry = messages.next();
				Schema headers = within(tree, entry.getValue().path("headers"));
				Schema payload = within(tree, entry.getValue().path("payload"));
				for (JsonNode example : entry.getValue().path("examples")) {
					String at = document.name() + " " + entry.getKey() + " example "
							+ example.path("name").asText("(unnamed)");
					assertThat(headers.validate(json.writeValueAsString(example.path("headers")), InputFormat.JSON))
						.as("%s headers", at)
						.isEmpty();
					assertThat(payload.validate(json.writeValueAsString(example.path("payload")), InputFormat.JSON))
						.as("%s payload", at)
						.isEmpty();
				}
			}
		}
	}

	// a schema of the document, its references resolved within the document
	private static Schema within(JsonNode document, JsonNode schema) throws IOException {
		ObjectNode root = (ObjectNode) document.deepCopy();
		root.putArray("allOf").add(schema);
		return draft7.getSchema(json.writeValueAsString(root), InputFormat.JSON);
	}

	private static JsonNode resolve(JsonNode document, JsonNode schema) {
		String ref = schema.path("$ref").asText("");
		return ref.startsWith("#") ? document.at(ref.substring(1)) : schema;
	}

	private static List<ContractDocument> eventContracts() {
		List<ContractDocument> documents = new ArrayList<>();
		for (EventProduct product : catalog.eventProducts()) {
			for (ProductVersion version : product.versions()) {
				documents.add(catalog.eventContract(product.id(), version.version()).orElseThrow());
			}
		}
		return documents;
	}

}
