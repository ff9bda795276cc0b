package org.millgate.contracts.governance;

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
		JsonNode schema = contract.tree().resolve(parameter.path("schema"));
		String name = parameter.path("name").asText("?");
		if (schema.path("type").asText().equals("array")) {
			schema = contract.tree().resolve(schema.path("items"));
		}
		if (schema.path("type").asText().equals("string") && !constrained(schema)) {
			violations.add(violation(contract.document(), at.field("schema"), "string parameter '" + name
					+ "' is unconstrained: give it an enum, a date/date-time format, or a pattern with a maxLength"));
		}
	}

	private boolean constrained(JsonNode schema) {
		return schema.has("enum") || schema.has("maxLength")
				|| BOUNDED_FORMATS.contains(schema.path("format").asText());
	}

}
