package org.millgate.policies.observability;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import org.millgate.policies.core.AbstractWebPolicy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.web.Correlation;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#CORRELATION}: every request gets an
 * {@code X-Correlation-Id} and a W3C {@code traceparent} by the rule gateway and products
 * share ({@link Correlation}: the caller's id when the contracts allow it, otherwise a
 * new one; the caller's trace continued with a new span for the gateway hop, or a new
 * trace). Both go to the product and back to the caller, replacing the product's copies;
 * {@code tracestate} is not passed on. Configuration: none. No failure code: bad values
 * are replaced, never refused.
 */
public final class CorrelationPolicy extends AbstractWebPolicy {

	public static final String ID = "correlation";

	public CorrelationPolicy() {
		super(ID, PolicyOrder.CORRELATION);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String correlationId = Correlation.idFrom(request.getHeaders().getFirst(Correlation.HEADER));
		String traceparent = Correlation.continueTrace(request.getHeaders().getFirst(Correlation.TRACEPARENT));
		Correlation.bind(exchange, correlationId, traceparent);
		// set just before the response goes out, replacing the product's copies
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set(Correlation.HEADER, correlationId);
			headers.set(Correlation.TRACEPARENT, traceparent);
			return Mono.empty();
		});
		ServerHttpRequest forwarded = request.mutate().headers((headers) -> {
			headers.set(Correlation.HEADER, correlationId);
			headers.set(Correlation.TRACEPARENT, traceparent);
			headers.remove("tracestate");
		}).build();
		return chain.filter(exchange.mutate().request(forwarded).build());
	}

	/**
	 * Configuration of {@value #ID}: none; the rule is the contracts' one.
	 */
	public record Config() {

	}

}
