package org.millgate.contracts.tools.governance;

/**
 * One broken rule at one place of one document.
 *
 * @param rule id of the rule, e.g. {@code paginated-lists}
 * @param document the document's name
 * @param at JSON path of the offending place, e.g. {@code $.paths['/v1/orders'].get}
 * @param message what is wrong and how to fix it
 */
public record Violation(String rule, String document, String at, String message) {

	@Override
	public String toString() {
		return this.document + " " + this.at + ": " + this.message + " [" + this.rule + "]";
	}

}
