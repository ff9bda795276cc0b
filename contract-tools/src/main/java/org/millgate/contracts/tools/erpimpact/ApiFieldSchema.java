package org.millgate.contracts.tools.erpimpact;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.tools.erpimpact.ErpLineage.ApiField;

/**
 * The schema a contract gives one field of the lineage, with what its parent says of it.
 *
 * @param schema the field's schema, with {@code $ref} resolved and the keywords of its
 * {@code allOf} parts merged in (its own keywords win)
 * @param required whether the field must be present (the parent's {@code required}, or a
 * query parameter's {@code required})
 */
public record ApiFieldSchema(JsonNode schema, boolean required) {

	/**
	 * Finds a field in its contract.
	 * @param catalog the contracts
	 * @param field the field: a response path, {@code request:}path or {@code query:}name
	 * @return its schema; empty when the contract, the operation or the field does not
	 * exist, and for {@code *}
	 */
	public static Optional<ApiFieldSchema> of(ContractCatalog catalog, ApiField field) {
		var contract = catalog.contract(field.product(), field.version());
		if (contract.isEmpty() || "*".equals(field.field())) {
			return Optional.empty();
		}
		OpenApiTree tree = new OpenApiTree(contract.get().tree());
		var operation = tree.operations()
			.stream()
			.filter((candidate) -> field.operation().equals(candidate.node().path("operationId").asText()))
			.findFirst();
		if (operation.isEmpty()) {
			return Optional.empty();
		}
		String path = field.field();
		if (path.startsWith("query:")) {
			String name = path.substring("query:".length());
			return tree.parameters(operation.get())
				.stream()
				.map(OpenApiTree.Located::node)
				.filter((parameter) -> name.equals(parameter.path("name").asText())
						&& "query".equals(parameter.path("in").asText()))
				.findFirst()
				.map((parameter) -> new ApiFieldSchema(merged(tree, parameter.path("schema")),
						parameter.path("required").asBoolean(false)));
		}
		JsonNode schema;
		if (path.startsWith("request:")) {
			path = path.substring("request:".length());
			schema = tree.resolve(operation.get().node().path("requestBody"))
				.path("content")
				.path("application/json")
				.path("schema");
		}
		else {
			JsonNode responses = operation.get().node().path("responses");
			JsonNode success = responses.has("200") ? responses.get("200") : responses.path("201");
			schema = tree.resolve(success).path("content").path("application/json").path("schema");
		}
		boolean required = true;
		for (String segment : path.split("\\.")) {
			boolean array = segment.endsWith("[]");
			String name = array ? segment.substring(0, segment.length() - 2) : segment;
			JsonNode parent = merged(tree, schema);
			schema = parent.path("properties").get(name);
			if (schema == null) {
				return Optional.empty();
			}
			required = contains(parent.path("required"), name);
			if (array) {
				schema = merged(tree, schema).path("items");
			}
		}
		return Optional.of(new ApiFieldSchema(merged(tree, schema), required));
	}

	/**
	 * Whether the contract lets the field be {@code null} or absent.
	 * @return true when it may be missing
	 */
	public boolean optional() {
		return !this.required || this.schema.path("nullable").asBoolean(false);
	}

	// A schema with its $ref resolved and its allOf parts' keywords and properties
	// merged.
	static JsonNode merged(OpenApiTree tree, JsonNode node) {
		JsonNode resolved = tree.resolve(node);
		if (!resolved.has("allOf")) {
			return resolved;
		}
		ObjectNode merged = JsonNodeFactory.instance.objectNode();
		ObjectNode properties = merged.putObject("properties");
		var required = merged.putArray("required");
		for (JsonNode part : resolved.path("allOf")) {
			JsonNode each = merged(tree, part);
			for (Iterator<Map.Entry<String, JsonNode>> it = each.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> keyword = it.next();
				switch (keyword.getKey()) {
					case "properties" -> properties.setAll((ObjectNode) keyword.getValue());
					case "required" -> keyword.getValue().forEach(required::add);
					default -> merged.set(keyword.getKey(), keyword.getValue());
				}
			}
		}
		for (Iterator<Map.Entry<String, JsonNode>> it = resolved.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> keyword = it.next();
			switch (keyword.getKey()) {
				case "allOf" -> {
				}
				case "properties" -> properties.setAll((ObjectNode) keyword.getValue());
				case "required" -> keyword.getValue().forEach(required::add);
				default -> merged.set(keyword.getKey(), keyword.getValue());
			}
		}
		return merged;
	}

	private static boolean contains(JsonNode array, String name) {
		for (JsonNode item : array) {
			if (name.equals(item.asText())) {
				return true;
			}
		}
		return false;
	}

}
