package org.millgate.contracts.tools.compat;

/**
 * Which way data flows through a schema, which decides whether narrowing or widening it
 * breaks consumers.
 */
enum Direction {

	/** Sent by consumers: the new schema must accept everything the old one accepted. */
	REQUEST,

	/** Sent to consumers: the new schema must promise no more than the old one did. */
	RESPONSE;

	/**
	 * The severity of a change that lets the schema admit fewer values.
	 */
	Severity ofNarrowing() {
		return (this == REQUEST) ? Severity.BREAKING : Severity.NON_BREAKING;
	}

	/**
	 * The severity of a change that lets the schema admit more values.
	 */
	Severity ofWidening() {
		return (this == RESPONSE) ? Severity.BREAKING : Severity.NON_BREAKING;
	}

}
