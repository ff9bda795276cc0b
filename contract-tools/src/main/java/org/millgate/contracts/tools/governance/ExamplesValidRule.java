package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;

/**
 * Every example is valid against the schema it illustrates: media-type examples (single
 * and named), parameter and header examples, and schema and property examples. Examples
 * are what partners copy first; a wrong one is a bug report waiting to happen. Validation
 * uses the same OpenAPI 3.0 validator the gateway uses for requests.
 */
final class ExamplesValidRule implements ContractRule {

	@Override
	public String id() {
		return "examples-valid";
	}

	@Override
	public String description() {
		return "Every example (media type, parameter, header, schema, property) validates against its schema.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		OpenAPI api = contract.document().parse().getOpenAPI();
		if (api == null) {
			return violations;
		}
		SchemaValidator validator = new SchemaValidator(api, new MessageResolver());
		OpenApiTree tree = contract.tree();
		new Search(contract, tree, validator, violations).in(tree.root(), JsonPath.root());
		return violations;
	}

	private final class Search {

		private final ReviewedContract contract;

		private final OpenApiTree tree;

		private final SchemaValidator validator;

		private final List<Violation> violations;

		Search(ReviewedContract contract, OpenApiTree tree, SchemaValidator validator, List<Violation> violations) {
			this.contract = contract;
			this.tree = tree;
			this.validator = validator;
			this.violations = violations;
		}

		// Finds every object that pairs a schema with examples: media types, parameters
		// and headers; and every schema, whose own examples are checked by the walker.
		void in(JsonNode node, JsonPath at) {
			if (node.isArray()) {
				for (int i = 0; i < node.size(); i++) {
					in(node.get(i), at.index(i));
				}
				return;
			}
			for (Map.Entry<String, JsonNode> field : OpenApiTree.fields(node)) {
				String key = field.getKey();
				JsonNode value = field.getValue();
				if (key.equals("example") || key.equals("examples")) {
					continue;
				}
				if (key.equals("schema") || (key.equals("schemas") && at.toString().equals("$.components"))) {
					schemas(key, value, at.field(key));
					if (key.equals("schema")) {
						examplesBeside(node, value, at);
					}
					continue;
				}
				in(value, at.field(key));
			}
		}

		private void schemas(String key, JsonNode value, JsonPath at) {
			if (key.equals("schema")) {
				schemaExamples(value, at);
				return;
			}
			OpenApiTree.fields(value).forEach((entry) -> schemaExamples(entry.getValue(), at.field(entry.getKey())));
		}

		private void schemaExamples(JsonNode schema, JsonPath at) {
			SchemaWalker.inlineOnly(this.tree).walk(schema, at, (node, nodeAt, property) -> {
				if (node.has("example")) {
					validate(node.get("example"), node, nodeAt.field("example"));
				}
			});
		}

		private void examplesBeside(JsonNode holder, JsonNode schema, JsonPath at) {
			if (holder.has("example")) {
				validate(holder.get("example"), schema, at.field("example"));
			}
			for (Map.Entry<String, JsonNode> named : OpenApiTree.fields(holder.path("examples"))) {
				JsonNode example = this.tree.resolve(named.getValue());
				if (example.has("value")) {
					validate(example.get("value"), schema, at.fields("examples", named.getKey(), "value"));
				}
			}
		}

		private void validate(JsonNode example, JsonNode schemaNode, JsonPath at) {
			Schema<?> schema = Json.mapper().convertValue(schemaNode, Schema.class);
			ValidationReport report = this.validator.validate(() -> example, schema, "example");
			report.getMessages()
				.stream()
				.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
				.forEach((message) -> this.violations
					.add(violation(this.contract.document(), at, "example is invalid: " + message.getMessage())));
		}

	}

}
