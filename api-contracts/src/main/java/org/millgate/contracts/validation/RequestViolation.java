package org.millgate.contracts.validation;

import java.util.List;

/**
 * One broken rule of a request.
 *
 * @param pointer a JSON pointer into the body ({@code /yieldQuantity}, {@code /} for the
 * whole body) or {@code #/query/NAME}, {@code #/path/NAME}, {@code #/header/NAME}
 * @param message what is wrong, for a developer
 */
public record RequestViolation(String pointer, String message) {

	/** Where a body in a media type the operation does not take is pointed at. */
	public static final String CONTENT_TYPE = "#/header/Content-Type";

	/**
	 * Whether any violation is a body in a media type the operation does not take: such a
	 * request is answered 415, not 400.
	 * @param violations the violations
	 * @return true when the request's {@code Content-Type} is not one of the operation's
	 */
	public static boolean unsupportedMediaType(List<RequestViolation> violations) {
		return violations.stream().anyMatch((violation) -> CONTENT_TYPE.equals(violation.pointer()));
	}

	/**
	 * The detail of a refusal of quantities the ERP would refuse
	 * ({@link RequestValidator#quantities}), the same from the gateway and the product.
	 * @param violations the violations, at least one
	 * @return the detail
	 */
	public static String quantitiesDetail(List<RequestViolation> violations) {
		String what = (violations.size() == 1) ? violations.get(0).message()
				: violations.size() + " quantities are beyond what the ERP keeps; see errors";
		return what + "; nothing was sent to the ERP.";
	}

}
