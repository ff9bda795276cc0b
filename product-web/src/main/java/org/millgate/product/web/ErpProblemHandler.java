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
 * ERP failures a product did not turn into a rejection of its own. A refusal is the
 * consumer's to fix and is answered as one: a business rule 422 {@code erp.rejected}, a
 * state conflict 409 {@code erp.conflict}, a missing object 404
 * {@code resource.notFound}, with the ERP's own reason and message code in
 * {@code detail}. The ERP being down, failing or slow is not: 503 {@code erp.unavailable}
 * with {@code Retry-After}, or 504 {@code erp.timeout}. Beyond the ERP's reason no ERP
 * text reaches a consumer; the log line has the whole answer, with the correlation id.
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
		String refusal = refusal(failure);
		if (refusal != null) {
			// the consumer's to fix: no alert, no failure of the ERP
			logger.info("ERP refused the request [correlationId={}]: {}", Correlation.id(exchange),
					failure.getMessage());
			return answer(refusal, refusalDetail(failure), exchange, null);
		}
		logger.warn("ERP call failed [correlationId={}]: {}", Correlation.id(exchange), failure.getMessage());
		if (failure instanceof ErpFailure.Timeout) {
			return answer("erp.timeout", "The ERP did not answer in time.", exchange, null);
		}
		Duration retryAfter = (failure instanceof ErpFailure.Unavailable unavailable) ? unavailable.retryAfter()
				: DEFAULT_RETRY_AFTER;
		return answer("erp.unavailable", "The ERP system cannot serve this request at the moment; retry after "
				+ retryAfter.toSeconds() + " seconds.", exchange, retryAfter);
	}

	// the problem code of a refusal, null for a failure of the ERP
	private static String refusal(ErpFailure failure) {
		if (failure instanceof ErpFailure.LimitExceeded) {
			return "erp.limitExceeded";
		}
		if (failure instanceof ErpFailure.Rejected) {
			return "erp.rejected";
		}
		if (failure instanceof ErpFailure.Conflict) {
			return "erp.conflict";
		}
		return (failure instanceof ErpFailure.NotFound) ? "resource.notFound" : null;
	}

	private static String refusalDetail(ErpFailure failure) {
		if (failure instanceof ErpFailure.LimitExceeded) {
			return failure.erpMessage() + "; nothing was sent to the ERP.";
		}
		String reason = (failure.erpMessage() != null) ? failure.erpMessage() : "no reason given";
		String code = (failure.erpCode() != null) ? " (ERP message " + failure.erpCode() + ")" : "";
		if (failure instanceof ErpFailure.NotFound) {
			return "The ERP does not know the object: " + reason + code + ".";
		}
		if (failure instanceof ErpFailure.Conflict) {
			return "The ERP refused the request in the object's current state: " + reason + code + ".";
		}
		return "The ERP refused the request: " + reason + code + ".";
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
