package org.millgate.product.web;

import java.util.List;
import java.util.Optional;

import org.springframework.http.server.reactive.ServerHttpRequest;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.validation.RequestViolation;

/**
 * A product's own precondition on requests, beside the contract check every request
 * passes: a bean of this type is consulted for every operation of the product, so a rule
 * such as "a confirmation needs an {@code Idempotency-Key}" is written once, in the
 * product, and answered as a problem before a controller runs.
 */
public interface RequestCheck {

	/**
	 * Before the contract check, on the request line and headers (the body is not read
	 * yet): a refusal here is answered instead of the contract's violations.
	 * @param operation the operation called
	 * @param request the request
	 * @return a refusal, or empty to go on
	 */
	default Optional<Refusal> beforeContract(OperationScopes.Entry operation, ServerHttpRequest request) {
		return Optional.empty();
	}

	/**
	 * After the contract check passed, on a body of the contract's shape: violations here
	 * are answered as {@code request.invalid} with one {@code errors[]} entry each.
	 * @param operation the operation called
	 * @param request the request
	 * @param body the request body, empty when there is none
	 * @return the violations, empty to go on
	 */
	default List<RequestViolation> afterContract(OperationScopes.Entry operation, ServerHttpRequest request,
			byte[] body) {
		return List.of();
	}

	/**
	 * A request refused with a documented problem code.
	 *
	 * @param code the problem code
	 * @param detail what is wrong with this request
	 */
	record Refusal(String code, String detail) {

	}

}
