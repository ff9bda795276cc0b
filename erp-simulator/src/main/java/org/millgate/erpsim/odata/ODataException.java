package org.millgate.erpsim.odata;

/**
 * A request the simulated ERP refuses, answered with an OData error body:
 * {@code {"error":{"code":..,"message":{"lang":"en","value":..}}}}.
 */
public class ODataException extends RuntimeException {

	private final int status;

	private final String code;

	/**
	 * A refusal.
	 * @param status HTTP status, e.g. 400
	 * @param code SAP-style message code, e.g. {@code /IWBEP/CM_MGW_RT/022}
	 * @param message the message text
	 */
	public ODataException(int status, String code, String message) {
		super(message);
		this.status = status;
		this.code = code;
	}

	/**
	 * A syntax or semantic error in a query option: 400.
	 * @param message what is wrong
	 * @return the exception
	 */
	public static ODataException badRequest(String message) {
		return new ODataException(400, "/IWBEP/CM_MGW_RT/022", message);
	}

	/**
	 * No such entity or resource: 404.
	 * @param message what was not found
	 * @return the exception
	 */
	public static ODataException notFound(String message) {
		return new ODataException(404, "/IWBEP/CM_MGW_RT/020", message);
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

}
