package org.millgate.policies.observability;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.policies.core.Policy;
import org.millgate.policies.core.Problems;

/**
 * Policy {@code correlation}: every request gets an {@code X-Correlation-Id} (the
 * caller's, when it is a sane token, otherwise a new one) and a W3C {@code traceparent}
 * (the caller's trace continued with a new span for the gateway hop, or a new trace).
 * Both go to the product and back to the caller. No failure code: bad values are
 * replaced, never refused.
 */
public final class CorrelationPolicy implements Policy, WebFilter, Ordered {

	public static final String ID = "correlation";

	public static final String CORRELATION_HEADER = "X-Correlation-Id";

	public static final String TRACEPARENT = "traceparent";

	/** The exchange attribute holding the trace id. */
	public static final String TRACE_ID = "millgate.traceId";

	private static final Pattern CORRELATION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");

	private static final Pattern TRACE = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

	private static final String ZERO_TRACE = "0".repeat(32);

	private static final String ZERO_SPAN = "0".repeat(16);

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String correlationId = correlationId(request.getHeaders().getFirst(CORRELATION_HEADER));
		String traceparent = continueTrace(request.getHeaders().getFirst(TRACEPARENT));
		exchange.getAttributes().put(Problems.CORRELATION_ID, correlationId);
		exchange.getAttributes().put(TRACE_ID, traceparent.substring(3, 35));
		// set just before the response goes out, replacing the product's copies
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(CORRELATION_HEADER, correlationId);
			exchange.getResponse().getHeaders().set(TRACEPARENT, traceparent);
			return Mono.empty();
		});
		ServerHttpRequest forwarded = request.mutate().headers((headers) -> {
			headers.set(CORRELATION_HEADER, correlationId);
			headers.set(TRACEPARENT, traceparent);
			headers.remove("tracestate");
		}).build();
		return chain.filter(exchange.mutate().request(forwarded).build());
	}

	/**
	 * The correlation id of a request.
	 * @param offered the caller's header value, or null
	 * @return it when it is 1 to 64 letters, digits, dots, colons, dashes or underscores,
	 * otherwise a new UUID
	 */
	static String correlationId(String offered) {
		return (offered != null && CORRELATION.matcher(offered).matches()) ? offered : newId();
	}

	// A random (version 4) UUID from the thread's fast generator: correlation ids name
	// requests, they guard nothing, so the locked SecureRandom of UUID.randomUUID() is
	// not
	// worth its cost on every request.
	static String newId() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

	/**
	 * The traceparent the gateway forwards.
	 * @param offered the caller's header value, or null
	 * @return the caller's trace with a new span id, or a new sampled trace when the
	 * value is missing or malformed
	 */
	static String continueTrace(String offered) {
		if (offered != null) {
			Matcher matcher = TRACE.matcher(offered);
			if (matcher.matches() && !ZERO_TRACE.equals(matcher.group(1)) && !ZERO_SPAN.equals(matcher.group(2))) {
				return "00-" + matcher.group(1) + "-" + randomHex(8) + "-" + matcher.group(3);
			}
		}
		return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		do {
			ThreadLocalRandom.current().nextBytes(random);
		}
		while (allZero(random));
		return HexFormat.of().formatHex(random);
	}

	private static boolean allZero(byte[] bytes) {
		for (byte b : bytes) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

}
