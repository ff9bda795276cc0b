package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * Responses document the headers the platform promises: correlation, rate limits and
 * lifecycle on every success, {@code Retry-After} on 429 and 503. Consumers read their
 * quota and a version's sunset from them, so they belong in the contract.
 */
final class StandardResponseHeadersRule implements ContractRule {

	static final List<String> SUCCESS_HEADERS = List.of("X-Correlation-Id", "RateLimit", "RateLimit-Policy",
			"Deprecation", "Sunset", "Link");

	@Override
	public String id() {
		return "standard-response-headers";
	}

	@Override
	public String description() {
		return "Every 2xx response documents " + String.join(", ", SUCCESS_HEADERS)
				+ "; every response documents X-Correlation-Id; 429 and 503 document Retry-After.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		OpenApiTree tree = contract.tree();
		for (Operation operation : tree.operations()) {
			for (Map.Entry<String, JsonNode> response : OpenApiTree.fields(operation.node().path("responses"))) {
				String status = response.getKey();
				JsonNode headers = tree.resolve(response.getValue()).path("headers");
				List<String> required = new ArrayList<>(List.of("X-Correlation-Id"));
				if (status.startsWith("2")) {
					required = SUCCESS_HEADERS;
				}
				else if (status.equals("429") || status.equals("503")) {
					required.add("Retry-After");
				}
				List<String> missing = required.stream().filter((name) -> !headers.has(name)).toList();
				if (headers.has("X-Correlation-Id")
						&& !tree.resolve(headers.get("X-Correlation-Id")).path("required").asBoolean(false)) {
					violations.add(violation(contract.document(),
							operation.at().fields("responses", status, "headers", "X-Correlation-Id"),
							"X-Correlation-Id must be required: every response carries it"));
				}
				if (!missing.isEmpty()) {
					violations.add(violation(contract.document(), operation.at().fields("responses", status, "headers"),
							"does not document " + missing));
				}
			}
		}
		return violations;
	}

}
