package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;

/**
 * Every contract declares the same {@code Problem} and {@code ProblemViolation} schemas,
 * so an error looks the same whichever product answered it. The documents stay
 * self-contained (no cross-file references for validators and portals to chase), and this
 * rule keeps the copies identical.
 */
final class SharedProblemSchemaRule implements ContractRule {

	private static final List<String> SHARED = List.of("Problem", "ProblemViolation");

	@Override
	public String id() {
		return "shared-problem-schema";
	}

	@Override
	public String description() {
		return "Every contract declares the Problem and ProblemViolation schemas, identical in all contracts.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		return checkAll(List.of(contract));
	}

	@Override
	public List<Violation> checkAll(List<ReviewedContract> contracts) {
		List<Violation> violations = new ArrayList<>();
		for (String name : SHARED) {
			ReviewedContract reference = null;
			for (ReviewedContract contract : contracts) {
				JsonPath at = JsonPath.root().fields("components", "schemas", name);
				JsonNode schema = schema(contract, name);
				if (schema.isMissingNode()) {
					violations.add(violation(contract.document(), at, "the shared schema " + name + " is missing"));
				}
				else if (reference == null) {
					reference = contract;
				}
				else if (!schema.equals(schema(reference, name))) {
					violations.add(violation(contract.document(), at, "differs from " + name + " in "
							+ reference.document().name() + "; the shared schemas must be identical everywhere"));
				}
			}
		}
		return violations;
	}

	private JsonNode schema(ReviewedContract contract, String name) {
		return contract.tree().root().path("components").path("schemas").path(name);
	}

}
