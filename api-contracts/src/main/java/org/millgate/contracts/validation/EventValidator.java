package org.millgate.contracts.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import org.millgate.contracts.catalog.ContractDocument;

/**
 * Checks an event, or what a consumer expects of one (a message pact), against its event
 * contract (AsyncAPI): the message is found by the {@code ce_type} header; the data is
 * checked against the message's payload schema, the headers against the message's header
 * schema. An expectation may name fewer fields and headers than the contract promises,
 * but none it does not, nor another type or format. Schemas are compiled once per
 * contract.
 */
public final class EventValidator {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private EventValidator() {
	}

	/**
	 * What is wrong with an event by its contract.
	 * @param contract the event product version's AsyncAPI document
	 * @param headers the record's headers ({@code ce_type} among them), as text
	 * @param data the record's value, JSON
	 * @param complete whether every field and header the contract requires must be there
	 * (a record), or only those given are checked (a consumer's expectation)
	 * @return the violations, empty when it is valid
	 */
	public static List<String> violations(ContractDocument contract, Map<String, String> headers, String data,
			boolean complete) {
		JsonNode tree = contract.tree();
		String type = headers.get("ce_type");
		String message = null;
		for (var entry : (Iterable<Map.Entry<String, JsonNode>>) () -> tree.at("/components/messages").fields()) {
			if (entry.getValue().at("/headers/properties/ce_type/const").asText("").equals(type)) {
				message = entry.getKey();
			}
		}
		List<String> violations = new ArrayList<>();
		if (message == null) {
			violations.add("ce_type " + type + " is no message of " + contract.name());
			return violations;
		}
		String payload = tree.at("/components/messages/" + message + "/payload/$ref").asText();
		for (Error error : schema(contract, complete, payload).validate(data, InputFormat.JSON)) {
			violations.add("data: " + error);
		}
		String headerSchema = "#/components/messages/" + message + "/headers";
		try {
			if (complete) {
				for (Error error : schema(contract, true, headerSchema).validate(JSON.writeValueAsString(headers),
						InputFormat.JSON)) {
					violations.add("headers: " + error);
				}
			}
			else {
				JsonNode properties = tree.at("/components/messages/" + message + "/headers/properties");
				for (Map.Entry<String, String> header : headers.entrySet()) {
					if (!properties.has(header.getKey())) {
						violations.add("headers: " + header.getKey() + " is no header of " + message);
						continue;
					}
					for (Error error : schema(contract, true, headerSchema + "/properties/" + header.getKey())
						.validate(JSON.writeValueAsString(header.getValue()), InputFormat.JSON)) {
						violations.add("headers: " + header.getKey() + ": " + error);
					}
				}
			}
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		return violations;
	}

	// a schema of the contract, its references resolved within it; for an expectation,
	// with no property required anywhere
	private static Schema schema(ContractDocument contract, boolean complete, String pointer) {
		String key = contract.name() + "#" + Integer.toHexString(contract.source().hashCode())
				+ (complete ? "" : "/partial") + pointer;
		return SCHEMAS.computeIfAbsent(key, (unused) -> {
			ObjectNode root = (ObjectNode) contract.tree().deepCopy();
			if (!complete) {
				withoutRequired(root);
			}
			root.putArray("allOf").addObject().put("$ref", pointer);
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
				.getSchema(root.toString(), InputFormat.JSON);
		});
	}

	private static void withoutRequired(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.remove("required");
			object.forEach(EventValidator::withoutRequired);
		}
		else if (node.isArray()) {
			node.forEach(EventValidator::withoutRequired);
		}
	}

}
