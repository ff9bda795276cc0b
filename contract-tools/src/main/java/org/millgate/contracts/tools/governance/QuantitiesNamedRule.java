package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * A quantity a request writes to the ERP is named, so that the gateway and the product
 * check its decimals by the units table: in a request body, a number with
 * {@code x-millgate-erp-limit} beside a {@code unit} is listed in its object's
 * {@code x-millgate-quantities}, and every entry there names a number and a text of that
 * object.
 */
final class QuantitiesNamedRule implements ContractRule {

	static final String QUANTITIES = "x-millgate-quantities";

	private static final String ERP_LIMIT = "x-millgate-erp-limit";

	@Override
	public String id() {
		return "quantities-named";
	}

	@Override
	public String description() {
		return "A request body's quantity written to the ERP (a number with x-millgate-erp-limit beside a unit) "
				+ "is named in x-millgate-quantities, and each entry there names a number and a unit of its object.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		OpenApiTree tree = contract.tree();
		List<Violation> violations = new ArrayList<>();
		Set<String> reported = new HashSet<>();
		SchemaWalker walker = new SchemaWalker(tree);
		for (Operation operation : tree.operations()) {
			JsonNode body = tree.resolve(operation.node().path("requestBody"));
			for (Map.Entry<String, JsonNode> media : OpenApiTree.fields(body.path("content"))) {
				walker.walk(media.getValue().path("schema"),
						operation.at().fields("requestBody", "content", media.getKey(), "schema"),
						(schema, at, property) -> {
							for (String problem : problems(tree, schema)) {
								if (reported.add(at + problem)) {
									violations.add(violation(contract.document(), at, problem));
								}
							}
						});
			}
		}
		return violations;
	}

	private static List<String> problems(OpenApiTree tree, JsonNode schema) {
		List<String> problems = new ArrayList<>();
		JsonNode properties = schema.path("properties");
		Set<String> named = new HashSet<>();
		for (JsonNode entry : schema.path(QUANTITIES)) {
			String value = entry.path("value").asText("");
			String unit = entry.path("unit").asText("");
			if (!"number".equals(type(tree, properties.path(value)))
					|| !"string".equals(type(tree, properties.path(unit)))) {
				problems.add(QUANTITIES + " entry " + entry + " does not name a number and a text of this object");
			}
			named.add(value);
		}
		if (schema.has(QUANTITIES) && named.isEmpty()) {
			problems.add(QUANTITIES + " is a list of {value, unit}");
		}
		if (!"string".equals(type(tree, properties.path("unit")))) {
			return problems;
		}
		for (Map.Entry<String, JsonNode> property : OpenApiTree.fields(properties)) {
			JsonNode resolved = tree.resolve(property.getValue());
			if ("number".equals(resolved.path("type").asText()) && resolved.has(ERP_LIMIT)
					&& !named.contains(property.getKey())) {
				problems.add("'" + property.getKey() + "' is a quantity written to the ERP beside 'unit'; name it in "
						+ QUANTITIES + " so that its decimals are checked by the units table");
			}
		}
		return problems;
	}

	private static String type(OpenApiTree tree, JsonNode property) {
		return tree.resolve(property).path("type").asText("");
	}

}
