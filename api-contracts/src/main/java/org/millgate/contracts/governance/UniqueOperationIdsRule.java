package org.millgate.contracts.governance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.millgate.contracts.openapi.Operation;

/**
 * Every operation has an operationId, unique across all contracts: generated clients,
 * metrics and the portal key on it.
 */
final class UniqueOperationIdsRule implements ContractRule {

	@Override
	public String id() {
		return "unique-operation-ids";
	}

	@Override
	public String description() {
		return "Every operation has an operationId that no other operation of any contract uses.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		return checkAll(List.of(contract));
	}

	@Override
	public List<Violation> checkAll(List<ReviewedContract> contracts) {
		List<Violation> violations = new ArrayList<>();
		Map<String, String> firstUse = new HashMap<>();
		for (ReviewedContract contract : contracts) {
			for (Operation operation : contract.tree().operations()) {
				String operationId = operation.node().path("operationId").asText("");
				String here = contract.document().name() + " " + operation.label();
				if (operationId.isBlank()) {
					violations.add(violation(contract.document(), operation.at(), "has no operationId"));
				}
				else if (firstUse.containsKey(operationId)) {
					violations.add(violation(contract.document(), operation.at().field("operationId"),
							"operationId '" + operationId + "' is already used by " + firstUse.get(operationId)));
				}
				else {
					firstUse.put(operationId, here);
				}
			}
		}
		return violations;
	}

}
