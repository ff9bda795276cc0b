package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.millgate.contracts.openapi.Operation;

/**
 * Every operation has an operationId, unique across all products: generated clients,
 * metrics and the portal key on it. The major versions of one product keep the ids of the
 * operations they share, so that reviews, lineage and metrics can follow an operation
 * from one version to the next; within one document an id is used once.
 */
final class UniqueOperationIdsRule implements ContractRule {

	@Override
	public String id() {
		return "unique-operation-ids";
	}

	@Override
	public String description() {
		return "Every operation has an operationId that no other operation of its contract or of another product uses.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		return checkAll(List.of(contract));
	}

	@Override
	public List<Violation> checkAll(List<ReviewedContract> contracts) {
		List<Violation> violations = new ArrayList<>();
		Map<String, Use> firstUse = new HashMap<>();
		for (ReviewedContract contract : contracts) {
			Map<String, String> inThisDocument = new HashMap<>();
			String product = product(contract);
			for (Operation operation : contract.tree().operations()) {
				String operationId = operation.node().path("operationId").asText("");
				String here = contract.document().name() + " " + operation.label();
				if (operationId.isBlank()) {
					violations.add(violation(contract.document(), operation.at(), "has no operationId"));
				}
				else if (inThisDocument.containsKey(operationId)) {
					violations.add(violation(contract.document(), operation.at().field("operationId"),
							"operationId '" + operationId + "' is already used by " + inThisDocument.get(operationId)));
				}
				else if (firstUse.containsKey(operationId) && !firstUse.get(operationId).product().equals(product)) {
					violations.add(violation(contract.document(), operation.at().field("operationId"), "operationId '"
							+ operationId + "' is already used by " + firstUse.get(operationId).label()));
				}
				else {
					firstUse.putIfAbsent(operationId, new Use(product, here));
					inThisDocument.put(operationId, here);
				}
			}
		}
		return violations;
	}

	// The product a contract belongs to: its x-millgate-product,
	// else the folder of its name.
	private static String product(ReviewedContract contract) {
		String declared = contract.tree().root().path("info").path("x-millgate-product").asText("");
		if (!declared.isEmpty()) {
			return declared;
		}
		String name = contract.document().name();
		int slash = name.lastIndexOf('/');
		return (slash > 0) ? name.substring(0, slash) : name;
	}

	private record Use(String product, String label) {

	}

}
