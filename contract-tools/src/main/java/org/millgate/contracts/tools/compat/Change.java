package org.millgate.contracts.tools.compat;

/**
 * One difference between two versions of a contract.
 *
 * @param severity whether it can break an existing consumer
 * @param kind what changed
 * @param operation the operation, e.g. {@code GET /v1/production-orders}, or the path for
 * path-level changes
 * @param location where in the operation, e.g. {@code response 200 body: items[].status};
 * empty for a whole operation or path
 * @param detail what exactly changed
 */
public record Change(Severity severity, ChangeKind kind, String operation, String location, String detail) {

	/**
	 * Whether this change can break an existing consumer.
	 * @return true for {@link Severity#BREAKING}
	 */
	public boolean isBreaking() {
		return this.severity == Severity.BREAKING;
	}

	@Override
	public String toString() {
		String where = this.location.isEmpty() ? this.operation : this.operation + " " + this.location;
		return String.format("%-12s %s: %s", this.severity == Severity.BREAKING ? "BREAKING" : "non-breaking", where,
				this.detail);
	}

}
