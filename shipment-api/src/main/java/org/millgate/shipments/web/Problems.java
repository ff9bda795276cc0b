package org.millgate.shipments.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.problems.ProblemType;
import org.millgate.contracts.problems.ProblemTypes;

/**
 * RFC 9457 problem bodies from the documented problem types: the same code always has the
 * same type, title and status.
 */
public final class Problems {

	public static final MediaType PROBLEM_JSON = MediaType.parseMediaType("application/problem+json");

	private final ProblemTypes types;

	public Problems(ProblemTypes types) {
		this.types = types;
	}

	/**
	 * A problem body.
	 * @param code the documented code
	 * @param detail what happened this time
	 * @param exchange the exchange, for instance and correlation id
	 * @param violations one pointer and message per violated rule, or empty
	 * @return the body
	 */
	public Map<String, Object> body(String code, String detail, ServerWebExchange exchange,
			List<Map<String, String>> violations) {
		ProblemType type = this.types.get(code);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.type().toString());
		body.put("title", type.title());
		body.put("status", type.status());
		body.put("detail", detail);
		body.put("instance", exchange.getRequest().getPath().value());
		body.put("code", code);
		body.put("correlationId", CorrelationFilter.correlationId(exchange));
		if (!violations.isEmpty()) {
			body.put("errors", violations);
		}
		return body;
	}

	/**
	 * The status of a code.
	 * @param code the documented code
	 * @return its HTTP status
	 */
	public int status(String code) {
		return this.types.get(code).status();
	}

	/**
	 * Writes a problem straight to the response, for filters and security handlers that
	 * answer before any controller.
	 * @param exchange the exchange
	 * @param code the documented code
	 * @param detail what happened
	 * @return completion
	 */
	public Mono<Void> write(ServerWebExchange exchange, String code, String detail) {
		return write(exchange, code, detail, List.of());
	}

	public Mono<Void> write(ServerWebExchange exchange, String code, String detail,
			List<Map<String, String>> violations) {
		ServerHttpResponse response = exchange.getResponse();
		response.setRawStatusCode(status(code));
		response.getHeaders().setContentType(PROBLEM_JSON);
		response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		byte[] bytes = JsonText.write(body(code, detail, exchange, violations));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

}
