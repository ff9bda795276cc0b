package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * Every 4xx and 5xx response (and {@code default}) is {@code application/problem+json}
 * with the shared Problem schema, so clients handle every error one way.
 */
final class ProblemResponsesRule implements ContractRule {

	static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

	static final String PROBLEM_REF = "#/components/schemas/Problem";

	@Override
	public String id() {
		return "problem-responses";
	}

	@Override
	public String description() {
		return "Every 4xx/5xx response is application/problem+json with the shared Problem schema.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		OpenApiTree tree = contract.tree();
		for (Operation operation : tree.operations()) {
			JsonPath responsesAt = operation.at().field("responses");
			for (Map.Entry<String, JsonNode> response : OpenApiTree.fields(operation.node().path("responses"))) {
				String status = response.getKey();
				if (!(status.startsWith("4") || status.startsWith("5") || status.equals("default"))) {
					continue;
				}
				JsonPath at = responsesAt.field(status);
				JsonNode content = tree.resolve(response.getValue()).path("content");
				List<String> mediaTypes = new ArrayList<>();
				content.fieldNames().forEachRemaining(mediaTypes::add);
				if (!mediaTypes.equals(List.of(PROBLEM_MEDIA_TYPE))) {
					violations.add(violation(contract.document(), at, "an error response must have exactly the content "
							+ PROBLEM_MEDIA_TYPE + ", but has " + mediaTypes));
					continue;
				}
				String ref = content.path(PROBLEM_MEDIA_TYPE).path("schema").path("$ref").asText("");
				if (!ref.equals(PROBLEM_REF)) {
					violations.add(violation(contract.document(), at.fields("content", PROBLEM_MEDIA_TYPE, "schema"),
							"an error response's schema must be $ref: '" + PROBLEM_REF + "'"));
				}
			}
		}
		return violations;
	}

}
