package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;

import org.millgate.contracts.catalog.ContractDocument;

/**
 * One governance rule.
 */
public interface ContractRule {

	/**
	 * Stable id, used in messages and to switch a rule off in a test.
	 * @return e.g. {@code paginated-lists}
	 */
	String id();

	/**
	 * What the rule demands, in one sentence.
	 * @return the description
	 */
	String description();

	/**
	 * Checks one document.
	 * @param contract the document under review
	 * @return the violations, empty when it keeps the rule
	 */
	List<Violation> check(ReviewedContract contract);

	/**
	 * Checks several documents that are published together. Rules that compare documents
	 * with each other override this.
	 * @param contracts the documents under review
	 * @return the violations of all of them
	 */
	default List<Violation> checkAll(List<ReviewedContract> contracts) {
		List<Violation> violations = new ArrayList<>();
		contracts.forEach((contract) -> violations.addAll(check(contract)));
		return violations;
	}

	/**
	 * A violation of this rule.
	 * @param document the document
	 * @param at where
	 * @param message what is wrong
	 * @return the violation
	 */
	default Violation violation(ContractDocument document, Object at, String message) {
		return new Violation(id(), document.name(), String.valueOf(at), message);
	}

}
