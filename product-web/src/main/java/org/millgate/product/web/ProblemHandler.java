package org.millgate.product.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import org.millgate.contracts.problems.Rejection;
import org.millgate.product.web.events.EventStream;
import org.millgate.web.Correlation;
import org.millgate.web.Problems;

/**
 * The one place where a product's failures become RFC 9457 problems: rejections of the
 * application with their code, Spring's own refusals, and anything unexpected as 500,
 * logged with the correlation id and never shown. Runs after any more specific advice
 * (the ERP's, see {@code ErpProblemHandler}). The problem is written by web-core's
 * {@code Problems}, members in the same order as the gateway's problems.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
final class ProblemHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	private final Problems problems;

	ProblemHandler(Problems problems) {
		this.problems = problems;
	}

	@ExceptionHandler(Rejection.class)
	ResponseEntity<byte[]> rejected(Rejection rejection, ServerWebExchange exchange) {
		return answer(rejection.code(), rejection.getMessage(), exchange);
	}

	// the event store away: read on later from the same cursor
	@ExceptionHandler(EventStream.Unavailable.class)
	ResponseEntity<byte[]> eventsUnavailable(EventStream.Unavailable unavailable, ServerWebExchange exchange) {
		logger.warn("Events cannot be read [correlationId={}]: {}", Correlation.id(exchange), unavailable.getMessage());
		Problems.answered(exchange, "events.unavailable");
		return ResponseEntity.status(this.problems.status("events.unavailable"))
			.contentType(Problems.PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(Problems.json(this.problems.problem("events.unavailable",
					"The platform's events cannot be read at the moment; read on from the same cursor in a few seconds.",
					exchange, List.of())));
	}

	@ExceptionHandler(ServerWebInputException.class)
	ResponseEntity<byte[]> badInput(ServerWebInputException error, ServerWebExchange exchange) {
		if (tooLarge(error)) {
			return answer("request.tooLarge", "The request body is larger than this service reads.", exchange);
		}
		return answer("request.invalid", "The request cannot be read" + reason(error), exchange);
	}

	// a body beyond what the codecs hold in memory
	private static boolean tooLarge(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return true;
			}
		}
		return false;
	}

	private static String reason(ResponseStatusException error) {
		return (error.getReason() != null) ? ": " + error.getReason() : ".";
	}

	// Spring's own refusals: no such resource or method, unreadable or unsupported body
	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<byte[]> refused(ResponseStatusException error, ServerWebExchange exchange) {
		if (error.getStatusCode().value() == 404) {
			return answer("resource.notFound", "There is no such resource.", exchange);
		}
		if (tooLarge(error)) {
			return answer("request.tooLarge", "The request body is larger than this service reads.", exchange);
		}
		return answer("request.invalid", "The request cannot be processed" + reason(error), exchange);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> unexpected(Exception error, ServerWebExchange exchange) {
		logger.error("Unexpected error [correlationId={}]", Correlation.id(exchange), error);
		return answer("server.internalError",
				"An unexpected error occurred; quote the correlation id when reporting it.", exchange);
	}

	private ResponseEntity<byte[]> answer(String code, String detail, ServerWebExchange exchange) {
		Problems.answered(exchange, code);
		int status = this.problems.status(code);
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON);
		if (status == 503) {
			// whatever is unavailable: when to try again
			answer.header(HttpHeaders.RETRY_AFTER, "2");
		}
		return answer.body(Problems.json(this.problems.problem(code, detail, exchange, List.of())));
	}

}
