package org.millgate.policies.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.problems.ProblemType;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.contracts.validation.RequestViolation;

/**
 * Answers with an RFC 9457 problem of a documented type: the same code always has the
 * same type, title and status. Nothing internal goes into the detail.
 */
public final class Problems {

	public static final MediaType PROBLEM_JSON = MediaType.parseMediaType("application/problem+json");

	/** The exchange attribute holding the request's correlation id. */
	public static final String CORRELATION_ID = "millgate.correlationId";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProblemTypes types;

	public Problems(ProblemTypes types) {
		this.types = types;
	}

	/**
	 * The problem body.
	 * @param code the documented code
	 * @param detail what happened this time
	 * @param exchange the exchange
	 * @param violations violations for {@code errors}, or empty
	 * @return the serialized body
	 */
	public byte[] body(String code, String detail, ServerWebExchange exchange, List<RequestViolation> violations) {
		ProblemType type = this.types.get(code);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.type().toString());
		body.put("title", type.title());
		body.put("status", type.status());
		body.put("detail", detail);
		body.put("instance", exchange.getRequest().getPath().value());
		body.put("code", code);
		Object correlationId = exchange.getAttribute(CORRELATION_ID);
		if (correlationId != null) {
			body.put("correlationId", correlationId);
		}
		if (!violations.isEmpty()) {
			body.put("errors",
					violations.stream()
						.map((violation) -> Map.of("pointer", violation.pointer(), "message", violation.message()))
						.toList());
		}
		return JSON.writeValueAsBytes(body);
	}

	private static Map<String, String> error(RequestViolation violation) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("pointer", violation.pointer());
		error.put("message", violation.message());
		return error;
	}

	/**
	 * Answers with a problem, recording the code as the request's outcome.
	 * @param exchange the exchange
	 * @param code the documented code
	 * @param detail what happened
	 * @return completion
	 */
	public Mono<Void> write(ServerWebExchange exchange, String code, String detail) {
		return write(exchange, code, detail, List.of(), HttpHeaders.EMPTY);
	}

	/**
	 * Answers with a problem, recording the code as the request's outcome.
	 * @param exchange the exchange
	 * @param code the documented code
	 * @param detail what happened
	 * @param violations violations for {@code errors}, or empty
	 * @param headers further response headers, e.g. {@code Retry-After}
	 * @return completion
	 */
	public Mono<Void> write(ServerWebExchange exchange, String code, String detail, List<RequestViolation> violations,
			HttpHeaders headers) {
		ApiCall.of(exchange).failed(code);
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		byte[] bytes = body(code, detail, exchange, violations);
		response.setStatusCode(HttpStatus.valueOf(this.types.get(code).status()));
		HttpHeaders responseHeaders = response.getHeaders();
		responseHeaders.remove(HttpHeaders.CONTENT_ENCODING);
		responseHeaders.remove(HttpHeaders.ETAG);
		responseHeaders.setContentType(PROBLEM_JSON);
		responseHeaders.setContentLength(bytes.length);
		responseHeaders.setCacheControl("no-store");
		headers.forEach(responseHeaders::put);
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

}
