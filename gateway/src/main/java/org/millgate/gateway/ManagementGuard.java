package org.millgate.gateway;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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
		String raw = exchange.getRequest().getPath().value();
		// matched as the actuator matches: on decoded segments without matrix variables
		// ("/%61ctuator/usage" is /actuator/usage)
		List<String> segments = decodedSegments(exchange.getRequest().getPath().pathWithinApplication());
		boolean ambiguous = segments.stream()
			.anyMatch((segment) -> segment.contains("/") || segment.equals(".") || segment.equals(".."));
		if (ambiguous) {
			// an encoded slash or a dot segment means something else to each reader
			return this.problems.write(exchange, ROUTE_NOT_FOUND,
					"No API operation answers " + exchange.getRequest().getMethod().name() + " " + raw + ".");
		}
		boolean management = !segments.isEmpty() && segments.get(0).equals("actuator");
		boolean health = management && segments.size() >= 2 && segments.get(1).equals("health");
		if (!management || health || isManagementClient(exchange.getRequest().getRemoteAddress())) {
			return chain.filter(exchange);
		}
		return this.problems.write(exchange, ROUTE_NOT_FOUND,
				"No API operation answers " + exchange.getRequest().getMethod().name() + " " + raw + ".");
	}

	// the path's segments, percent-decoded and without matrix variables, empty ones left
	// out
	static List<String> decodedSegments(PathContainer path) {
		List<String> segments = new ArrayList<>();
		for (PathContainer.Element element : path.elements()) {
			if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
				segments.add(segment.valueToMatch());
			}
		}
		return segments;
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
