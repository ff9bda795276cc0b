package org.millgate.gateway;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import org.millgate.policies.core.AbstractWebPolicy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#MANAGEMENT_GUARD}: keeps
 * {@code /actuator} (Prometheus metrics name every client and partner) to management
 * clients; only health is public. Configuration: {@link Config}. Failure code:
 * {@value #ROUTE_NOT_FOUND} (404, the same answer as for any unknown path).
 */
final class ManagementGuard extends AbstractWebPolicy {

	public static final String ID = "management-guard";

	/** 404: what any unknown path answers. */
	public static final String ROUTE_NOT_FOUND = "route.notFound";

	private final Pattern managementClients;

	private final Problems problems;

	ManagementGuard(Config config, Problems problems) {
		super(ID, PolicyOrder.MANAGEMENT_GUARD);
		this.managementClients = Pattern.compile(config.managementClients());
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// matched as the actuator matches: on decoded segments without matrix variables
		// ("/%61ctuator/usage" is /actuator/usage), read once from the parsed path
		String first = null;
		String second = null;
		for (PathContainer.Element element : exchange.getRequest().getPath().pathWithinApplication().elements()) {
			if (!(element instanceof PathContainer.PathSegment segment) || segment.valueToMatch().isEmpty()) {
				continue;
			}
			String value = segment.valueToMatch();
			if (value.indexOf('/') >= 0 || value.equals(".") || value.equals("..")) {
				// an encoded slash or a dot segment means something else to each reader
				return notFound(exchange);
			}
			if (first == null) {
				first = value;
			}
			else if (second == null) {
				second = value;
			}
		}
		boolean management = "actuator".equals(first);
		if (!management || "health".equals(second) || isManagementClient(exchange.getRequest().getRemoteAddress())) {
			return chain.filter(exchange);
		}
		return notFound(exchange);
	}

	private Mono<Void> notFound(ServerWebExchange exchange) {
		return this.problems.write(exchange, ROUTE_NOT_FOUND, "No API operation answers "
				+ exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value() + ".");
	}

	boolean isManagementClient(InetSocketAddress peer) {
		return peer != null && peer.getAddress() != null
				&& this.managementClients.matcher(peer.getAddress().getHostAddress()).matches();
	}

	/**
	 * Configuration of {@value #ID}.
	 *
	 * @param managementClients a regular expression of the addresses that may read
	 * {@code /actuator} beyond health; blank or null for loopback only
	 */
	public record Config(String managementClients) {

		/** IPv4 and IPv6 loopback. */
		static final String LOOPBACK = "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1";

		public Config {
			managementClients = (managementClients == null || managementClients.isBlank()) ? LOOPBACK
					: managementClients;
		}

	}

}
