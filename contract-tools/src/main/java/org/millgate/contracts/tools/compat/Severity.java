package org.millgate.contracts.tools.compat;

/**
 * Whether a change can break an existing consumer.
 */
public enum Severity {

	/** An existing consumer may fail: needs a new major version. */
	BREAKING,

	/** Existing consumers keep working. */
	NON_BREAKING

}
