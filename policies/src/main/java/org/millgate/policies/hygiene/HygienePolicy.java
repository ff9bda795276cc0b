package org.millgate.policies.hygiene;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import org.millgate.policies.core.AbstractWebPolicy;
import org.millgate.policies.core.PolicyOrder;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#HYGIENE}: {@code Forwarded}/
 * {@code X-Forwarded-*} are dropped unless the peer is a trusted proxy; internal
 * ({@code X-Millgate-*}) and {@code Proxy} request headers are dropped; responses lose
 * {@code Server}, {@code X-Powered-By} and internal headers and gain security headers.
 * (Hop-by-hop headers are removed by the gateway's own header filters.) Configuration:
 * {@link Config}. No failure code: nothing is refused, only cleaned.
 */
public final class HygienePolicy extends AbstractWebPolicy {

	public static final String ID = "hygiene";

	static final List<String> FORWARDING = List.of("forwarded", "x-forwarded-for", "x-forwarded-host",
			"x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip");

	static final List<String> RESPONSE_REMOVED = List.of("server", "x-powered-by", "x-application-context");

	private static final String INTERNAL_PREFIX = "x-millgate-";

	private final Pattern trustedProxies;

	public HygienePolicy(Config config) {
		super(ID, PolicyOrder.HYGIENE);
		this.trustedProxies = (config.trustedProxies() == null || config.trustedProxies().isBlank()) ? null
				: Pattern.compile(config.trustedProxies());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		boolean trusted = isTrusted(request.getRemoteAddress());
		exchange.getResponse().beforeCommit(() -> {
			secure(exchange.getResponse().getHeaders(), request.getSslInfo() != null);
			return Mono.empty();
		});
		if (!needsCleaning(request.getHeaders(), trusted)) {
			// most requests carry nothing to drop: no copy of their headers
			return chain.filter(exchange);
		}
		ServerHttpRequest cleaned = request.mutate().headers((headers) -> clean(headers, trusted)).build();
		return chain.filter(exchange.mutate().request(cleaned).build());
	}

	static boolean needsCleaning(HttpHeaders headers, boolean trustedPeer) {
		for (String name : headers.headerNames()) {
			if (dropped(name, trustedPeer)) {
				return true;
			}
		}
		return false;
	}

	private static boolean dropped(String name, boolean trustedPeer) {
		return (!trustedPeer && isOneOf(name, FORWARDING)) || isInternal(name) || name.equalsIgnoreCase("proxy");
	}

	private static boolean isOneOf(String name, List<String> lowerCaseNames) {
		for (String candidate : lowerCaseNames) {
			if (candidate.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isInternal(String name) {
		return name.regionMatches(true, 0, INTERNAL_PREFIX, 0, INTERNAL_PREFIX.length());
	}

	boolean isTrusted(InetSocketAddress peer) {
		if (this.trustedProxies == null || peer == null || peer.getAddress() == null) {
			return false;
		}
		return this.trustedProxies.matcher(peer.getAddress().getHostAddress()).matches();
	}

	static void clean(HttpHeaders headers, boolean trustedPeer) {
		List<String> names = headers.headerNames().stream().toList();
		for (String name : names) {
			if (dropped(name, trustedPeer)) {
				headers.remove(name);
			}
		}
	}

	static void secure(HttpHeaders headers, boolean https) {
		List<String> removed = null;
		for (String name : headers.headerNames()) {
			if (isOneOf(name, RESPONSE_REMOVED) || isInternal(name)) {
				removed = (removed != null) ? removed : new ArrayList<>(2);
				removed.add(name);
			}
		}
		if (removed != null) {
			removed.forEach(headers::remove);
		}
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		headers.set("Referrer-Policy", "no-referrer");
		if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
			headers.setCacheControl("no-store");
		}
		if (https) {
			headers.set("Strict-Transport-Security", "max-age=31536000");
		}
	}

	/**
	 * Configuration of {@value #ID}.
	 *
	 * @param trustedProxies a regular expression matching the IP addresses of proxies
	 * whose forwarding headers are believed; empty or null trusts none
	 */
	public record Config(String trustedProxies) {

	}

}
