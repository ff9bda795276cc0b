package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * Every schema property name is lowerCamelCase. The whole document is searched, inline
 * schemas included; examples are skipped, since they hold data, not schemas.
 */
final class CamelCasePropertiesRule implements ContractRule {

	private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");

	private static final Set<String> DATA = Set.of("example", "examples", "default", "enum");

	@Override
	public String id() {
		return "camel-case-properties";
	}

	@Override
	public String description() {
		return "Every schema property and every query and path parameter name is lowerCamelCase.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		search(contract, contract.tree().root(), JsonPath.root(), violations);
		Set<String> reported = new HashSet<>();
		for (Operation operation : contract.tree().operations()) {
			for (OpenApiTree.Located parameter : contract.tree().parameters(operation)) {
				String name = parameter.node().path("name").asText();
				String in = parameter.node().path("in").asText();
				if ((in.equals("query") || in.equals("path")) && !CAMEL_CASE.matcher(name).matches()
						&& reported.add(name)) {
					violations.add(violation(contract.document(), parameter.at(),
							in + " parameter '" + name + "' is not lowerCamelCase"));
				}
			}
		}
		return violations;
	}

	private void search(ReviewedContract contract, JsonNode node, JsonPath at, List<Violation> violations) {
		for (int i = 0; node.isArray() && i < node.size(); i++) {
			search(contract, node.get(i), at.index(i), violations);
		}
		for (Map.Entry<String, JsonNode> field : OpenApiTree.fields(node)) {
			String key = field.getKey();
			JsonNode value = field.getValue();
			if (DATA.contains(key)) {
				continue;
			}
			if (key.equals("properties") && value.isObject() && isSchema(node)) {
				value.fieldNames().forEachRemaining((name) -> {
					if (!CAMEL_CASE.matcher(name).matches()) {
						violations.add(violation(contract.document(), at.fields("properties", name),
								"property '" + name + "' is not lowerCamelCase"));
					}
				});
			}
			search(contract, value, at.field(key), violations);
		}
	}

	private boolean isSchema(JsonNode node) {
		return node.path("type").asText("object").equals("object");
	}

}
