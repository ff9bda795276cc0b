package org.millgate.erp.sap;

import java.time.Duration;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

import org.millgate.erp.port.ErpFailure;

/**
 * Maps an ERP error answer (status and OData error body) to a typed failure.
 */
final class SapErrors {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SapErrors() {
	}

	/**
	 * The failure of an ERP answer.
	 * @param status the HTTP status
	 * @param headers the headers
	 * @param body the body, an OData error where the ERP sent one
	 * @param conflictCodes message codes of refusals that are state conflicts
	 * @return the failure
	 */
	static ErpFailure of(int status, HttpHeaders headers, String body, Set<String> conflictCodes) {
		String code = null;
		String message = "HTTP " + status;
		String reason = null;
		try {
			JsonNode error = JSON.readTree(body).path("error");
			code = error.path("code").isString() ? error.path("code").asString() : null;
			JsonNode text = error.path("message");
			message = text.isString() ? text.asString() : text.path("value").asString(message);
			reason = reason(text.isString() ? text.asString() : text.path("value").asString(null));
		}
		catch (RuntimeException ex) {
			// Not an OData error body (an HTML page from a web dispatcher, say):
			// the status decides.
		}
		String described = "the ERP answered " + status + ((code != null) ? " " + code : "") + ": " + message;
		return switch (status) {
			case 404 -> new ErpFailure.NotFound(described, code);
			case 409, 412, 428 -> new ErpFailure.Conflict(described, code, reason);
			case 400, 422 -> conflictCodes.contains(code) ? new ErpFailure.Conflict(described, code, reason)
					: new ErpFailure.Rejected(described, code, reason);
			// Not retried: repeated failed logons lock the SAP user.
			case 401, 403 ->
				new ErpFailure.Unavailable("the ERP refused the credentials (" + status + "); check millgate.erp.auth",
						Duration.ofSeconds(60), null, false);
			default -> new ErpFailure.Unavailable(described, retryAfter(headers), null);
		};
	}

	// The ERP's message as a consumer may read it: one line, no control characters, at
	// most 300 characters.
	private static String reason(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String line = text.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\s+", " ").trim();
		return (line.length() > 300) ? line.substring(0, 297) + "..." : line;
	}

	private static Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		try {
			return (value != null) ? Duration.ofSeconds(Long.parseLong(value.trim())) : Duration.ofSeconds(5);
		}
		catch (NumberFormatException ex) {
			return Duration.ofSeconds(5);
		}
	}

}
