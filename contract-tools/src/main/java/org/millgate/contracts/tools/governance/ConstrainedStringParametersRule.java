package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * No string parameter is unconstrained: each has an enum, a date or date-time format, or
 * a maxLength (usually with a pattern). Free text in a parameter is where injection into
 * the ERP query and oversized input begin.
 */
final class ConstrainedStringParametersRule implements ContractRule {

	private static final Set<String> BOUNDED_FORMATS = Set.of("date", "date-time", "uuid");

	@Override
	public String id() {
		return "constrained-string-parameters";
	}

	@Override
	public String description() {
		return "Every string parameter (and string array item) has an enum, a date/date-time/uuid format "
				+ "or a maxLength.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		OpenApiTree tree = contract.tree();
		for (Map.Entry<String, JsonNode> parameter : OpenApiTree
			.fields(tree.root().path("components").path("parameters"))) {
			check(contract, tree.resolve(parameter.getValue()),
					JsonPath.root().fields("components", "parameters", parameter.getKey()), violations);
		}
		for (Map.Entry<String, JsonNode> item : OpenApiTree.fields(tree.root().path("paths"))) {
			JsonPath itemAt = JsonPath.root().fields("paths", item.getKey());
			checkInline(contract, item.getValue().path("parameters"), itemAt.field("parameters"), violations);
		}
		for (Operation operation : tree.operations()) {
			checkInline(contract, operation.node().path("parameters"), operation.at().field("parameters"), violations);
		}
		return violations;
	}

	// Parameters given by $ref are checked once, where the component is declared.
	private void checkInline(ReviewedContract contract, JsonNode parameters, JsonPath at, List<Violation> violations) {
		for (int i = 0; i < parameters.size(); i++) {
			if (!parameters.get(i).has("$ref")) {
				check(contract, parameters.get(i), at.index(i), violations);
			}
		}
	}

	private void check(ReviewedContract contract, JsonNode parameter, JsonPath at, List<Violation> violations) {
		String name = parameter.path("name").asText("?");
		if (!parameter.path("schema").isObject() || parameter.path("schema").isEmpty()) {
			violations.add(violation(contract.document(), at, "parameter '" + name
					+ "' has no typed schema (content-typed or empty schemas cannot be checked or validated)"));
			return;
		}
		JsonNode schema = single(contract, parameter.path("schema"));
		if (schema.path("type").asText().equals("array")) {
			schema = single(contract, schema.path("items"));
		}
		if (schema.path("type").asText().equals("string") && !constrained(schema)) {
			violations.add(violation(contract.document(), at.field("schema"), "string parameter '" + name
					+ "' is unconstrained: give it an enum, a date/date-time/uuid format, or a maxLength (with a pattern)"));
		}
	}

	// "allOf: [$ref]" documents a described reference: check the referenced schema.
	private static JsonNode single(ReviewedContract contract, JsonNode schema) {
		JsonNode resolved = contract.tree().resolve(schema);
		return (resolved.path("allOf").size() == 1 && !resolved.has("type"))
				? contract.tree().resolve(resolved.path("allOf").get(0)) : resolved;
	}

	private boolean constrained(JsonNode schema) {
		return schema.has("enum") || schema.has("maxLength")
				|| BOUNDED_FORMATS.contains(schema.path("format").asText());
	}

}
