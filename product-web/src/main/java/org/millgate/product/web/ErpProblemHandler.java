package org.millgate.product.web;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.erp.port.ErpFailure;
import org.millgate.web.Correlation;
import org.millgate.web.Problems;

/**
 * ERP failures a product did not turn into a rejection of its own: unavailable (503, with
 * {@code Retry-After}) or timed out (504). No ERP text reaches a consumer; the log line
 * has it, with the correlation id.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ErpProblemHandler {

	private static final Logger logger = LoggerFactory.getLogger(ErpProblemHandler.class);

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

	private final Problems problems;

	ErpProblemHandler(Problems problems) {
		this.problems = problems;
	}

	@ExceptionHandler(ErpFailure.class)
	ResponseEntity<byte[]> erp(ErpFailure failure, ServerWebExchange exchange) {
		logger.warn("ERP call failed [correlationId={}]: {}", Correlation.id(exchange), failure.getMessage());
		if (failure instanceof ErpFailure.Timeout) {
			return answer("erp.timeout", "The ERP did not answer in time.", exchange, null);
		}
		Duration retryAfter = (failure instanceof ErpFailure.Unavailable unavailable) ? unavailable.retryAfter()
				: DEFAULT_RETRY_AFTER;
		return answer("erp.unavailable", "The ERP system cannot serve this request at the moment; retry after "
				+ retryAfter.toSeconds() + " seconds.", exchange, retryAfter);
	}

	private ResponseEntity<byte[]> answer(String code, String detail, ServerWebExchange exchange, Duration retryAfter) {
		Problems.answered(exchange, code);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(this.problems.status(code))
			.contentType(Problems.PROBLEM_JSON);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		return response.body(Problems.json(this.problems.problem(code, detail, exchange, List.of())));
	}

}
