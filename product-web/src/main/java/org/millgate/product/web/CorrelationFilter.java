package org.millgate.product.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.web.Correlation;

/**
 * Correlation of every request, by the rules of {@link Correlation}: the id and the trace
 * parent are returned on the response, handed to every {@link CorrelationPropagation}
 * (the ERP calls read them from the Reactor context), and named in one structured
 * access-log line per request.
 */
final class CorrelationFilter implements WebFilter, Ordered {

	private static final Logger ACCESS = LoggerFactory.getLogger("millgate.access");

	private final List<CorrelationPropagation> propagations;

	CorrelationFilter(List<CorrelationPropagation> propagations) {
		this.propagations = List.copyOf(propagations);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders requestHeaders = exchange.getRequest().getHeaders();
		String correlationId = Correlation.idFrom(requestHeaders.getFirst(Correlation.HEADER));
		String traceparent = Correlation.continueTrace(requestHeaders.getFirst(Correlation.TRACEPARENT));
		Correlation.bind(exchange, correlationId, traceparent);
		exchange.getResponse().getHeaders().set(Correlation.HEADER, correlationId);
		exchange.getResponse().getHeaders().set(Correlation.TRACEPARENT, traceparent);
		Context context = Context.empty();
		for (CorrelationPropagation propagation : this.propagations) {
			context = context.putAll(propagation.context(correlationId, traceparent).readOnly());
		}
		long started = System.nanoTime();
		return chain.filter(exchange)
			.contextWrite(context)
			.doFinally((signal) -> log(exchange, correlationId, started));
	}

	private static void log(ServerWebExchange exchange, String correlationId, long started) {
		String method = exchange.getRequest().getMethod().name();
		String path = exchange.getRequest().getPath().value();
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		ACCESS.atInfo()
			.addKeyValue("correlationId", correlationId)
			.addKeyValue("method", method)
			.addKeyValue("path", path)
			.addKeyValue("status", (status != null) ? status.value() : 0)
			.addKeyValue("millis", (System.nanoTime() - started) / 1_000_000)
			.log("{} {} -> {}", method, path, status);
	}

}
