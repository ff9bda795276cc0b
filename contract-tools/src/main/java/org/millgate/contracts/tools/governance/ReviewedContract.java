package org.millgate.contracts.tools.governance;

import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.openapi.OpenApiTree;

/**
 * A document under review, with its tree parsed once for all rules.
 *
 * @param document the document
 * @param tree its tree
 */
public record ReviewedContract(ContractDocument document, OpenApiTree tree) {

	/**
	 * Prepares a document for review.
	 * @param document the document
	 * @return the document under review
	 */
	public static ReviewedContract of(ContractDocument document) {
		return new ReviewedContract(document, new OpenApiTree(document.tree()));
	}

}
