package org.millgate.policies.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * A route policy's filter in front of a stand-in product that answers 200, called over
 * WebTestClient: what the exchange knew before the filter (the earlier policies' records)
 * is set by the test; the product's calls are counted.
 */
public final class FilterClient {

	private final AtomicInteger upstreamCalls = new AtomicInteger();

	private final WebTestClient client;

	/**
	 * A client.
	 * @param filter the policy's filter
	 * @param before what the earlier policies recorded on the exchange
	 */
	public FilterClient(GatewayFilter filter, Consumer<ServerWebExchange> before) {
		this.client = WebTestClient.bindToWebHandler((exchange) -> {
			before.accept(exchange);
			return filter.filter(exchange, (passed) -> {
				this.upstreamCalls.incrementAndGet();
				return Mono.empty();
			});
		}).build();
	}

	public WebTestClient client() {
		return this.client;
	}

	/**
	 * How often the request went past the filter to the product.
	 * @return the calls
	 */
	public int upstreamCalls() {
		return this.upstreamCalls.get();
	}

}
