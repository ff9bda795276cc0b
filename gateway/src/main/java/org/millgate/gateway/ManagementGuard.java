package org.millgate.gateway;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import org.millgate.policies.core.AbstractWebPolicy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.web.ManagementAccess;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#MANAGEMENT_GUARD}: keeps
 * {@code /actuator} (Prometheus metrics name every client and partner) to management
 * clients; only health is public. The rule is web-core's {@link ManagementAccess}, which
 * the products apply too. Configuration: {@link Config}. Failure code:
 * {@value #ROUTE_NOT_FOUND} (404, the same answer as for any unknown path).
 */
final class ManagementGuard extends AbstractWebPolicy {

	public static final String ID = "management-guard";

	/** 404: what any unknown path answers. */
	public static final String ROUTE_NOT_FOUND = "route.notFound";

	private final ManagementAccess access;

	private final Problems problems;

	ManagementGuard(Config config, Problems problems) {
		super(ID, PolicyOrder.MANAGEMENT_GUARD);
		this.access = new ManagementAccess(config.managementClients());
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.access.refuses(exchange) ? notFound(exchange) : chain.filter(exchange);
	}

	private Mono<Void> notFound(ServerWebExchange exchange) {
		return this.problems.write(exchange, ROUTE_NOT_FOUND, "No API operation answers "
				+ exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value() + ".");
	}

	boolean isManagementClient(InetSocketAddress peer) {
		return this.access.isManagementClient(peer);
	}

	/**
	 * Configuration of {@value #ID}.
	 *
	 * @param managementClients a regular expression of the addresses that may read
	 * {@code /actuator} beyond health; blank or null for loopback only
	 */
	public record Config(String managementClients) {

	}

}
