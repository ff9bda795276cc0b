package org.millgate.contracts.tools.compat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.millgate.contracts.openapi.OpenApiTree;

/**
 * A schema with its {@code allOf} parts merged in: properties and required names are
 * united, and the schema's own keywords win over its parts'. So {@code {nullable: true,
 * allOf: [$ref Status]}} compares as a nullable Status, and a property required in one
 * part and declared in another is seen as required.
 */
final class FlatSchema {

	private static final int MAX_DEPTH = 16;

	private FlatSchema() {
	}

	static JsonNode of(OpenApiTree tree, JsonNode schema) {
		return flatten(tree, tree.resolve(schema), 0);
	}

	private static JsonNode flatten(OpenApiTree tree, JsonNode resolved, int depth) {
		if (!resolved.has("allOf") || depth > MAX_DEPTH) {
			return resolved;
		}
		ObjectNode merged = JsonNodeFactory.instance.objectNode();
		ObjectNode properties = JsonNodeFactory.instance.objectNode();
		ArrayNode required = JsonNodeFactory.instance.arrayNode();
		for (JsonNode part : resolved.get("allOf")) {
			JsonNode flat = flatten(tree, tree.resolve(part), depth + 1);
			for (Map.Entry<String, JsonNode> field : OpenApiTree.fields(flat)) {
				if (!field.getKey().equals("properties") && !field.getKey().equals("required")) {
					merged.set(field.getKey(), field.getValue());
				}
			}
			addAll(flat, properties, required);
		}
		for (Map.Entry<String, JsonNode> field : OpenApiTree.fields(resolved)) {
			if (!field.getKey().equals("allOf") && !field.getKey().equals("properties")
					&& !field.getKey().equals("required")) {
				merged.set(field.getKey(), field.getValue());
			}
		}
		addAll(resolved, properties, required);
		if (!properties.isEmpty()) {
			merged.set("properties", properties);
		}
		if (!required.isEmpty()) {
			merged.set("required", required);
		}
		return merged;
	}

	private static void addAll(JsonNode schema, ObjectNode properties, ArrayNode required) {
		OpenApiTree.fields(schema.path("properties"))
			.forEach((entry) -> properties.set(entry.getKey(), entry.getValue()));
		OpenApiTree.texts(schema.path("required")).forEach((name) -> {
			if (!OpenApiTree.texts(required).contains(name)) {
				required.add(name);
			}
		});
	}

}
