package org.millgate.contracts.tools.compat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compatibility checker on event contracts, as consumers of the events see them: the
 * production-orders events v1 against edited copies of itself.
 */
class EventCompatibilityTests {

	private static final YAMLMapper yaml = new YAMLMapper();

	private final ContractDocument released = ContractCatalog.load()
		.eventContract("production-orders", "v1")
		.orElseThrow();

	private final CompatibilityChecker checker = new CompatibilityChecker();

	@Test
	void the_same_contract_has_no_change() {
		assertThat(this.checker.compareEvents(this.released, this.released)).isEmpty();
	}

	@Test
	void a_payload_field_the_producer_no_longer_promises_breaks_consumers() throws Exception {
		ObjectNode tree = (ObjectNode) this.released.tree();
		ObjectNode data = firstPayload(tree);
		String field = data.path("required").get(0).asText();
		((com.fasterxml.jackson.databind.node.ArrayNode) data.get("required")).remove(0);

		List<Change> changes = this.checker.compareEvents(this.released, document(tree));

		assertThat(changes).filteredOn(Change::isBreaking)
			.extracting(Change::kind)
			.contains(ChangeKind.PROPERTY_OPTIONAL);
		assertThat(changes).filteredOn(Change::isBreaking)
			.extracting(Change::location)
			.anySatisfy((location) -> assertThat(location).startsWith("payload").contains(field));
	}

	@Test
	void a_new_optional_payload_field_is_compatible() throws Exception {
		ObjectNode tree = (ObjectNode) this.released.tree();
		ObjectNode data = firstPayload(tree);
		((ObjectNode) data.get("properties")).putObject("shiftNote").put("type", "string").put("maxLength", 40);

		List<Change> changes = this.checker.compareEvents(this.released, document(tree));

		assertThat(changes).isNotEmpty().noneMatch(Change::isBreaking);
	}

	@Test
	void an_event_type_no_longer_published_or_a_renamed_topic_breaks_consumers() throws Exception {
		ObjectNode tree = (ObjectNode) this.released.tree();
		ObjectNode messages = (ObjectNode) tree.path("components").path("messages");
		String removed = messages.fieldNames().next();
		String type = messages.get(removed).at("/headers/properties/ce_type/const").asText();
		messages.remove(removed);
		tree.path("channels").forEach((channel) -> {
			((ObjectNode) channel).put("address", "millgate.production-orders.events.v1-renamed");
			ObjectNode channelMessages = (ObjectNode) channel.path("messages");
			channelMessages.remove(removed.substring(0, 1).toLowerCase() + removed.substring(1));
		});

		List<Change> changes = this.checker.compareEvents(this.released, document(tree));

		assertThat(changes).filteredOn(Change::isBreaking)
			.extracting(Change::kind)
			.contains(ChangeKind.MESSAGE_REMOVED, ChangeKind.TOPIC_CHANGED);
		assertThat(changes).filteredOn((change) -> change.kind() == ChangeKind.MESSAGE_REMOVED)
			.extracting(Change::operation)
			.containsExactly(type);
	}

	private static ObjectNode firstPayload(ObjectNode tree) {
		JsonNode message = tree.path("components").path("messages").elements().next();
		String ref = message.path("payload").path("$ref").asText();
		return (ObjectNode) tree.at(ref.substring(1));
	}

	private static ContractDocument document(JsonNode tree) throws Exception {
		return ContractDocument.of("events/production-orders/v1.yaml", yaml.writeValueAsString(tree));
	}

}
