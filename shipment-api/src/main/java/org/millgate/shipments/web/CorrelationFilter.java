package org.millgate.shipments.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.erp.port.CallContext;

/**
 * Correlation of every request: takes a valid {@code X-Correlation-Id} and
 * {@code traceparent} or makes new ones, returns them, passes them to the ERP calls, and
 * writes one structured access-log line per request.
 */
public final class CorrelationFilter implements WebFilter, Ordered {

	static final String ATTRIBUTE = CorrelationFilter.class.getName() + ".id";

	private static final Logger ACCESS = LoggerFactory.getLogger("millgate.access");

	private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String given = exchange.getRequest().getHeaders().getFirst("X-Correlation-Id");
		String correlationId = (given != null && CORRELATION_ID.matcher(given).matches()) ? given
				: UUID.randomUUID().toString();
		String parent = exchange.getRequest().getHeaders().getFirst("traceparent");
		java.util.regex.Matcher trace = (parent != null) ? TRACEPARENT.matcher(parent) : null;
		String traceId = (trace != null && trace.matches()) ? trace.group(1) : hex(16);
		String traceparent = "00-" + traceId + "-" + hex(8) + "-01";
		exchange.getAttributes().put(ATTRIBUTE, correlationId);
		exchange.getResponse().getHeaders().set("X-Correlation-Id", correlationId);
		exchange.getResponse().getHeaders().set("traceparent", traceparent);
		long started = System.nanoTime();
		return chain.filter(exchange)
			.contextWrite(CallContext.of(correlationId, traceparent))
			.doFinally((signal) -> ACCESS.atInfo()
				.addKeyValue("correlationId", correlationId)
				.addKeyValue("method", exchange.getRequest().getMethod().name())
				.addKeyValue("path", exchange.getRequest().getPath().value())
				.addKeyValue("status",
						(exchange.getResponse().getStatusCode() != null)
								? exchange.getResponse().getStatusCode().value() : 0)
				.addKeyValue("millis", (System.nanoTime() - started) / 1_000_000)
				.log("{} {} -> {}", exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
						exchange.getResponse().getStatusCode()));
	}

	/**
	 * The correlation id of an exchange.
	 * @param exchange the exchange
	 * @return its id, or null before this filter ran
	 */
	public static String correlationId(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	private static String hex(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

}
