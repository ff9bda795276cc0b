package org.millgate.product.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.web.ManagementAccess;
import org.millgate.web.Problems;

/**
 * Keeps a product's {@code /actuator} beyond health (Prometheus metrics name clients) to
 * management clients, by the rule the gateway applies ({@link ManagementAccess}); others
 * get the answer of an unknown path. Runs right after the correlation id is set, before
 * security.
 */
final class ManagementFilter implements WebFilter, Ordered {

	private final ManagementAccess access;

	private final Problems problems;

	ManagementFilter(ManagementAccess access, Problems problems) {
		this.access = access;
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.access.refuses(exchange)) {
			return this.problems.write(exchange, "resource.notFound", "There is no such resource.");
		}
		return chain.filter(exchange);
	}

}
