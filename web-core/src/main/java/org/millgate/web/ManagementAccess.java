package org.millgate.web;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who may read {@code /actuator} beyond health: management clients only (loopback unless
 * configured otherwise), since the metrics name every client and partner. Paths are
 * matched as the actuator matches them, on decoded segments without matrix variables
 * ({@code /%61ctuator/prometheus} is {@code /actuator/prometheus}); a path with an
 * encoded slash or a dot segment is refused outright, since each reader may take it for
 * another path. The gateway's management guard and every product use this one rule.
 */
public final class ManagementAccess {

	/** IPv4 and IPv6 loopback. */
	public static final String LOOPBACK = "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1";

	private final Pattern managementClients;

	/**
	 * The rule.
	 * @param managementClients a regular expression of the addresses that may read
	 * {@code /actuator} beyond health; blank or null for loopback only
	 */
	public ManagementAccess(String managementClients) {
		this.managementClients = Pattern
			.compile((managementClients == null || managementClients.isBlank()) ? LOOPBACK : managementClients);
	}

	/**
	 * Whether a request must be answered as an unknown path: a management path beyond
	 * health from another client, or a path with an encoded slash or dot segment.
	 * @param exchange the request
	 * @return true to refuse it
	 */
	public boolean refuses(ServerWebExchange exchange) {
		String first = null;
		String second = null;
		for (PathContainer.Element element : exchange.getRequest().getPath().pathWithinApplication().elements()) {
			if (!(element instanceof PathContainer.PathSegment segment) || segment.valueToMatch().isEmpty()) {
				continue;
			}
			String value = segment.valueToMatch();
			if (value.indexOf('/') >= 0 || value.equals(".") || value.equals("..")) {
				return true;
			}
			if (first == null) {
				first = value;
			}
			else if (second == null) {
				second = value;
			}
		}
		boolean management = "actuator".equals(first);
		return management && !"health".equals(second) && !isManagementClient(exchange.getRequest().getRemoteAddress());
	}

	/**
	 * Whether a peer is a management client.
	 * @param peer the peer's address
	 * @return true when it may read the management endpoints
	 */
	public boolean isManagementClient(InetSocketAddress peer) {
		return peer != null && peer.getAddress() != null
				&& this.managementClients.matcher(peer.getAddress().getHostAddress()).matches();
	}

}
