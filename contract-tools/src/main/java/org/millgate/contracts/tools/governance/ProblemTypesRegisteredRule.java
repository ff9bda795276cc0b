package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;
import org.millgate.contracts.problems.ProblemType;
import org.millgate.contracts.problems.ProblemTypes;

/**
 * Every problem a contract shows uses a documented problem type: its code is in
 * {@code problems.yaml}, and its type URI, title and status are that type's. Consumers
 * branch on codes; an undocumented or inconsistent one is a trap.
 */
final class ProblemTypesRegisteredRule implements ContractRule {

	private final ProblemTypes types;

	ProblemTypesRegisteredRule(ProblemTypes types) {
		this.types = types;
	}

	@Override
	public String id() {
		return "problem-types-registered";
	}

	@Override
	public String description() {
		return "Every problem example uses a code of problems.yaml with that type's URI, title and status.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		OpenApiTree tree = contract.tree();
		JsonPath components = JsonPath.root().fields("components", "responses");
		for (Map.Entry<String, JsonNode> response : OpenApiTree
			.fields(tree.root().path("components").path("responses"))) {
			check(contract, response.getValue(), components.field(response.getKey()), violations);
		}
		for (Operation operation : tree.operations()) {
			for (Map.Entry<String, JsonNode> response : OpenApiTree.fields(operation.node().path("responses"))) {
				if (!response.getValue().has("$ref")) {
					check(contract, response.getValue(), operation.at().fields("responses", response.getKey()),
							violations);
				}
			}
		}
		return violations;
	}

	private void check(ReviewedContract contract, JsonNode response, JsonPath at, List<Violation> violations) {
		JsonNode media = response.path("content").path(ProblemResponsesRule.PROBLEM_MEDIA_TYPE);
		JsonPath mediaAt = at.fields("content", ProblemResponsesRule.PROBLEM_MEDIA_TYPE);
		if (media.has("example")) {
			checkExample(contract, media.get("example"), mediaAt.field("example"), violations);
		}
		for (Map.Entry<String, JsonNode> named : OpenApiTree.fields(media.path("examples"))) {
			JsonNode example = contract.tree().resolve(named.getValue()).path("value");
			checkExample(contract, example, mediaAt.fields("examples", named.getKey(), "value"), violations);
		}
	}

	private void checkExample(ReviewedContract contract, JsonNode problem, JsonPath at, List<Violation> violations) {
		String code = problem.path("code").asText("");
		ProblemType type = this.types.byCode(code).orElse(null);
		if (type == null) {
			violations.add(violation(contract.document(), at.field("code"),
					"problem code '" + code + "' is not documented in problems.yaml"));
			return;
		}
		List<String> mismatches = new ArrayList<>();
		if (!type.type().toString().equals(problem.path("type").asText())) {
			mismatches.add("type must be " + type.type());
		}
		if (!type.title().equals(problem.path("title").asText())) {
			mismatches.add("title must be '" + type.title() + "'");
		}
		if (type.status() != problem.path("status").asInt()) {
			mismatches.add("status must be " + type.status());
		}
		if (!mismatches.isEmpty()) {
			violations
				.add(violation(contract.document(), at, "problem " + code + ": " + String.join(", ", mismatches)));
		}
	}

}
