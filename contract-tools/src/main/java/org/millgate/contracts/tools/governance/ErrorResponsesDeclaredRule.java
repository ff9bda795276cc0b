package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;

import org.millgate.contracts.openapi.Operation;

/**
 * Every operation declares the errors the platform can answer with whatever the operation
 * does: invalid request, no or bad token, missing scope, throttled, internal error, ERP
 * unavailable; and 404 when the path names a resource. Clients generated from the
 * contract then handle them, and the portal documents them.
 */
final class ErrorResponsesDeclaredRule implements ContractRule {

	static final List<String> ALWAYS = List.of("400", "401", "403", "429", "500", "503");

	@Override
	public String id() {
		return "error-responses-declared";
	}

	@Override
	public String description() {
		return "Every operation declares " + String.join(", ", ALWAYS) + ", and 404 when its path has a parameter.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		for (Operation operation : contract.tree().operations()) {
			List<String> expected = new ArrayList<>(ALWAYS);
			if (operation.path().contains("{")) {
				expected.add("404");
			}
			List<String> missing = expected.stream()
				.filter((status) -> !operation.node().path("responses").has(status))
				.toList();
			if (!missing.isEmpty()) {
				violations.add(violation(contract.document(), operation.at().field("responses"),
						operation.label() + " does not declare the responses " + missing));
			}
		}
		return violations;
	}

}
