package org.millgate.gateway;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.policies.core.Problems;

/**
 * Keeps {@code /actuator} (Prometheus metrics name every client and partner) to
 * management clients: only health is public. Others get the same 404 as any unknown path.
 */
final class ManagementGuard implements WebFilter, Ordered {

	private final Pattern managementClients;

	private final Problems problems;

	ManagementGuard(String managementClients, Problems problems) {
		this.managementClients = Pattern.compile((managementClients == null || managementClients.isBlank())
				? "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1" : managementClients);
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 4;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (!path.startsWith("/actuator") || path.equals("/actuator/health") || path.startsWith("/actuator/health/")
				|| isManagementClient(exchange.getRequest().getRemoteAddress())) {
			return chain.filter(exchange);
		}
		return this.problems.write(exchange, "route.notFound",
				"No API operation answers " + exchange.getRequest().getMethod().name() + " " + path + ".");
	}

	boolean isManagementClient(InetSocketAddress peer) {
		return peer != null && peer.getAddress() != null
				&& this.managementClients.matcher(peer.getAddress().getHostAddress()).matches();
	}

}
