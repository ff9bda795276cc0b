package org.millgate.policies.validation;

/**
 * What the gateway does with a response that breaks the contract.
 */
public enum ResponseValidationMode {

	/** Withhold it and answer 502 {@code response.invalid}. */
	ENFORCE,

	/** Pass it through; count and log the violation. */
	REPORT,

	/** Do not check responses. */
	OFF

}
