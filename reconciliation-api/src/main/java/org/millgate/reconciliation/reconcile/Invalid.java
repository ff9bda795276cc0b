package org.millgate.reconciliation.reconcile;

/**
 * A request that breaks one of the product's rules beyond its contract's shape: answered
 * as {@code request.invalid} with the pointer of the offending field.
 */
public final class Invalid extends RuntimeException {

	private final String pointer;

	/**
	 * A broken rule.
	 * @param pointer the JSON pointer of the offending field, e.g. {@code /countedAt}
	 * @param message what is wrong
	 */
	public Invalid(String pointer, String message) {
		super(message, null, false, false);
		this.pointer = pointer;
	}

	public String pointer() {
		return this.pointer;
	}

}
