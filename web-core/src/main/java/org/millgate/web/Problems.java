package org.millgate.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.problems.ProblemType;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.contracts.validation.RequestViolation;

/**
 * RFC 9457 problems of the documented types, for the gateway and every product: the same
 * code always has the same type, title and status; each problem carries its {@code code}
 * and the request's {@code correlationId}, and {@code errors} with one pointer and
 * message per violation where there are any. Nothing internal goes into the detail.
 */
public final class Problems {

	public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	/**
	 * The exchange attribute holding the code of the problem an exchange was answered
	 * with (the first, when several were tried), for access logs and metrics.
	 */
	public static final String ANSWERED_CODE = "millgate.problem.code";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProblemTypes types;

	public Problems(ProblemTypes types) {
		this.types = types;
	}

	/**
	 * A problem.
	 * @param code the documented code
	 * @param detail what happened this time
	 * @param exchange the exchange, for {@code instance} and {@code correlationId}
	 * @param violations the violations for {@code errors}, or empty
	 * @return the problem
	 */
	public ProblemDetail problem(String code, String detail, ServerWebExchange exchange,
			List<RequestViolation> violations) {
		ProblemType type = this.types.get(code);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		problem.setInstance(instance(exchange.getRequest().getPath().value()));
		problem.setProperty("code", code);
		String correlationId = Correlation.id(exchange);
		if (correlationId != null) {
			problem.setProperty("correlationId", correlationId);
		}
		if (!violations.isEmpty()) {
			problem.setProperty("errors",
					violations.stream()
						.map((violation) -> Map.of("pointer", violation.pointer(), "message", violation.message()))
						.toList());
		}
		return problem;
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
	 * Answers with a problem, for filters and handlers that answer before or instead of a
	 * controller.
	 * @param exchange the exchange
	 * @param code the documented code
	 * @param detail what happened
	 * @return completion
	 */
	public Mono<Void> write(ServerWebExchange exchange, String code, String detail) {
		return write(exchange, code, detail, List.of(), HttpHeaders.EMPTY);
	}

	/**
	 * Answers with a problem, unless the response has already begun.
	 * @param exchange the exchange
	 * @param code the documented code
	 * @param detail what happened
	 * @param violations the violations for {@code errors}, or empty
	 * @param headers further response headers, e.g. {@code Retry-After}
	 * @return completion
	 */
	public Mono<Void> write(ServerWebExchange exchange, String code, String detail, List<RequestViolation> violations,
			HttpHeaders headers) {
		answered(exchange, code);
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		byte[] bytes = json(problem(code, detail, exchange, violations));
		response.setRawStatusCode(status(code));
		HttpHeaders responseHeaders = response.getHeaders();
		responseHeaders.remove(HttpHeaders.CONTENT_ENCODING);
		responseHeaders.remove(HttpHeaders.ETAG);
		responseHeaders.setContentType(PROBLEM_JSON);
		responseHeaders.setContentLength(bytes.length);
		responseHeaders.setCacheControl("no-store");
		headers.forEach(responseHeaders::put);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	/**
	 * Records the code an exchange is answered with; the first one stays.
	 * @param exchange the exchange
	 * @param code the documented code
	 */
	public static void answered(ServerWebExchange exchange, String code) {
		exchange.getAttributes().putIfAbsent(ANSWERED_CODE, code);
	}

	/**
	 * The code of the problem an exchange was answered with.
	 * @param exchange the exchange
	 * @return the code, or null when no problem was answered
	 */
	public static String answeredCode(ServerWebExchange exchange) {
		return exchange.getAttribute(ANSWERED_CODE);
	}

	/**
	 * The JSON of a problem, members in the order Spring's own codecs write them.
	 * @param problem the problem
	 * @return the JSON text
	 */
	public static byte[] json(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return JSON.writeValueAsBytes(body);
	}

	// The raw path is a URI reference unless a client sent characters a URI may not hold;
	// those are percent-encoded rather than failing the answer.
	static URI instance(String rawPath) {
		try {
			return new URI(rawPath);
		}
		catch (URISyntaxException ex) {
			StringBuilder encoded = new StringBuilder();
			for (byte b : rawPath.getBytes(StandardCharsets.UTF_8)) {
				char c = (char) (b & 0xFF);
				if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~!$&'()*+,;=:@%".indexOf(c) >= 0)) {
					encoded.append(c);
				}
				else {
					encoded.append('%').append(String.format("%02X", b & 0xFF));
				}
			}
			return URI.create(encoded.toString().replaceAll("%(?![0-9A-Fa-f]{2})", "%25"));
		}
	}

}
