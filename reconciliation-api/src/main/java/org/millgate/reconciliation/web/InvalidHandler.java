package org.millgate.reconciliation.web;

import java.util.List;

import org.millgate.contracts.validation.RequestViolation;
import org.millgate.reconciliation.reconcile.Invalid;
import org.millgate.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * A rule of the product broken beyond the contract's shape: {@code request.invalid} with
 * the pointer of the offending field, as the contract check answers a broken shape.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
final class InvalidHandler {

	private final Problems problems;

	InvalidHandler(Problems problems) {
		this.problems = problems;
	}

	@ExceptionHandler(Invalid.class)
	ResponseEntity<byte[]> invalid(Invalid invalid, ServerWebExchange exchange) {
		Problems.answered(exchange, "request.invalid");
		return ResponseEntity.status(this.problems.status("request.invalid"))
			.contentType(Problems.PROBLEM_JSON)
			.body(Problems.json(this.problems.problem("request.invalid", "The request has 1 invalid field.", exchange,
					List.of(new RequestViolation(invalid.pointer(), invalid.getMessage())))));
	}

}
