package org.millgate.testing.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.millgate.contracts.catalog.ContractCatalog;

/**
 * Checks an event as its consumers would: the record's value against the payload schema
 * of its message in the AsyncAPI contract, its headers against the message's header
 * schema, the message found by the record's {@code ce_type}. Schemas are read once per
 * contract.
 */
public final class EventContracts {

	private static final ContractCatalog CATALOG = ContractCatalog.load();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private EventContracts() {
	}

	/**
	 * The headers of a record, as UTF-8 text.
	 * @param record the record
	 * @return each header's last value
	 */
	public static Map<String, String> headers(ConsumerRecord<String, String> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	/**
	 * What is wrong with an event by its contract.
	 * @param product the event product, e.g. {@code inventory}
	 * @param version e.g. {@code v1}
	 * @param record the record read from the product's topic
	 * @return the violations, empty when it is valid
	 */
	public static List<String> violations(String product, String version, ConsumerRecord<String, String> record) {
		return violations(product, version, headers(record), record.value(), true);
	}

	/**
	 * What is wrong with an event, or with what a consumer expects of one (a message
	 * pact: the headers it names, the data it gives as an example), by the contract.
	 * @param product the event product, e.g. {@code inventory}
	 * @param version e.g. {@code v1}
	 * @param headers the record's headers ({@code ce_type} among them)
	 * @param value the record's value, JSON
	 * @param allHeaders whether every field and header the contract requires must be
	 * there (a record), or only those given are checked (an expectation: it may name
	 * fewer fields than the contract promises, but none it does not, nor another type or
	 * format)
	 * @return the violations, empty when it is valid
	 */
	public static List<String> violations(String product, String version, Map<String, String> headers, String value,
			boolean allHeaders) {
		String type = headers.get("ce_type");
		JsonNode contract = CATALOG.eventContract(product, version)
			.orElseThrow(() -> new IllegalArgumentException("no contract events/" + product + "/" + version))
			.tree();
		String message = null;
		for (var entry : (Iterable<Map.Entry<String, JsonNode>>) () -> contract.at("/components/messages").fields()) {
			if (entry.getValue().at("/headers/properties/ce_type/const").asText("").equals(type)) {
				message = entry.getKey();
			}
		}
		List<String> violations = new ArrayList<>();
		if (message == null) {
			violations.add("ce_type " + type + " is no message of events/" + product + "/" + version);
			return violations;
		}
		String payload = contract.at("/components/messages/" + message + "/payload/$ref").asText();
		JsonNode data = allHeaders ? contract : withoutRequired(contract.deepCopy());
		for (Error error : schema(product, version + (allHeaders ? "" : "/partial"), data, payload).validate(value,
				InputFormat.JSON)) {
			violations.add("data: " + error);
		}
		String headerSchema = "#/components/messages/" + message + "/headers";
		try {
			if (allHeaders) {
				for (Error error : schema(product, version, contract, headerSchema)
					.validate(JSON.writeValueAsString(headers), InputFormat.JSON)) {
					violations.add("headers: " + error);
				}
			}
			else {
				JsonNode properties = contract.at("/components/messages/" + message + "/headers/properties");
				for (Map.Entry<String, String> header : headers.entrySet()) {
					if (!properties.has(header.getKey())) {
						violations.add("headers: " + header.getKey() + " is no header of " + message);
						continue;
					}
					for (Error error : schema(product, version, contract,
							headerSchema + "/properties/" + header.getKey())
						.validate(JSON.writeValueAsString(header.getValue()), InputFormat.JSON)) {
						violations.add("headers: " + header.getKey() + ": " + error);
					}
				}
			}
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		return violations;
	}

	// the contract with no property required anywhere: an expectation's subset
	private static JsonNode withoutRequired(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.remove("required");
			object.forEach(EventContracts::withoutRequired);
		}
		else if (node.isArray()) {
			node.forEach(EventContracts::withoutRequired);
		}
		return node;
	}

	// a schema of the contract, its references resolved within it
	private static Schema schema(String product, String version, JsonNode contract, String pointer) {
		return SCHEMAS.computeIfAbsent(product + "/" + version + pointer, (key) -> {
			ObjectNode root = (ObjectNode) contract.deepCopy();
			root.putArray("allOf").addObject().put("$ref", pointer);
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
				.getSchema(root.toString(), InputFormat.JSON);
		});
	}

}
