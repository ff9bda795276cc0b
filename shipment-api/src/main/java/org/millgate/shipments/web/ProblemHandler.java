package org.millgate.shipments.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import org.millgate.erp.port.ErpFailure;
import org.millgate.shipments.tracking.Rejection;

/**
 * The one place where failures become RFC 9457 problems: product rejections with their
 * code, ERP failures as unavailable (503, with {@code Retry-After}) or timed out (504),
 * and anything unexpected as 500, logged with the correlation id and never shown. No ERP
 * text reaches a consumer.
 */
@RestControllerAdvice
public final class ProblemHandler {

	private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

	private final Problems problems;

	public ProblemHandler(Problems problems) {
		this.problems = problems;
	}

	@ExceptionHandler(Rejection.class)
	ResponseEntity<Map<String, Object>> rejected(Rejection rejection, ServerWebExchange exchange) {
		return problem(rejection.code(), rejection.getMessage(), exchange, null);
	}

	@ExceptionHandler(ServerWebInputException.class)
	ResponseEntity<Map<String, Object>> badInput(ServerWebInputException error, ServerWebExchange exchange) {
		return problem("request.invalid", "The request cannot be read: " + error.getReason(), exchange, null);
	}

	// Spring's own refusals: no such resource or method, unreadable or unsupported body.
	@ExceptionHandler(org.springframework.web.server.ResponseStatusException.class)
	ResponseEntity<Map<String, Object>> refused(org.springframework.web.server.ResponseStatusException error,
			ServerWebExchange exchange) {
		if (error.getStatusCode().value() == 404) {
			return problem("resource.notFound", "There is no such resource.", exchange, null);
		}
		return problem("request.invalid", "The request cannot be processed: " + error.getReason(), exchange, null);
	}

	@ExceptionHandler(ErpFailure.class)
	ResponseEntity<Map<String, Object>> erp(ErpFailure failure, ServerWebExchange exchange) {
		LOG.warn("ERP call failed [correlationId={}]: {}", CorrelationFilter.correlationId(exchange),
				failure.getMessage());
		if (failure instanceof ErpFailure.Timeout) {
			return problem("erp.timeout", "The ERP did not answer in time.", exchange, null);
		}
		Duration retryAfter = (failure instanceof ErpFailure.Unavailable unavailable) ? unavailable.retryAfter()
				: Duration.ofSeconds(30);
		return problem("erp.unavailable", "The ERP system cannot serve this request at the moment; retry after "
				+ retryAfter.toSeconds() + " seconds.", exchange, retryAfter);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception error, ServerWebExchange exchange) {
		LOG.error("Unexpected error [correlationId={}]", CorrelationFilter.correlationId(exchange), error);
		return problem("server.internalError",
				"An unexpected error occurred; quote the correlation id when reporting it.", exchange, null);
	}

	private ResponseEntity<Map<String, Object>> problem(String code, String detail, ServerWebExchange exchange,
			Duration retryAfter) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(this.problems.status(code))
			.contentType(Problems.PROBLEM_JSON);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		return response.body(this.problems.body(code, detail, exchange, List.of()));
	}

}
