package org.millgate.erpsim.odata;

/**
 * The OData protocol version a service speaks.
 */
public enum ODataVersion {

	/**
	 * {@code {"d":{"results":[...]}}}, strings for decimals, {@code /Date(ms)/},
	 * {@code __next}.
	 */
	V2,

	/** {@code {"value":[...]}}, JSON numbers, ISO 8601 dates, {@code @odata.nextLink}. */
	V4

}
