package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * Every request body and every response with a body carries at least one example: the
 * portal's try-it console, the docs and the contract tests start from them.
 */
final class ExamplesPresentRule implements ContractRule {

	@Override
	public String id() {
		return "examples-present";
	}

	@Override
	public String description() {
		return "Every request body and every response body has at least one example.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		OpenApiTree tree = contract.tree();
		for (Operation operation : tree.operations()) {
			JsonNode body = operation.node().path("requestBody");
			requireExamples(contract, tree.resolve(body).path("content"),
					operation.at().fields("requestBody", "content"), violations);
			for (Map.Entry<String, JsonNode> response : OpenApiTree.fields(operation.node().path("responses"))) {
				requireExamples(contract, tree.resolve(response.getValue()).path("content"),
						operation.at().fields("responses", response.getKey(), "content"), violations);
			}
		}
		return violations;
	}

	private void requireExamples(ReviewedContract contract, JsonNode content, JsonPath at, List<Violation> violations) {
		for (Map.Entry<String, JsonNode> media : OpenApiTree.fields(content)) {
			JsonNode mediaType = media.getValue();
			boolean hasNamedExample = OpenApiTree.fields(mediaType.path("examples"))
				.stream()
				.map((named) -> contract.tree().resolve(named.getValue()))
				.anyMatch((example) -> example.has("value") || example.has("externalValue"));
			boolean hasExample = mediaType.has("example") || hasNamedExample
					|| contract.tree().resolve(mediaType.path("schema")).has("example");
			if (!hasExample) {
				violations.add(violation(contract.document(), at.field(media.getKey()),
						"has no example: add 'example' or 'examples' to the media type"));
			}
		}
	}

}
