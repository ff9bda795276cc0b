package org.millgate.policies.cors;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import org.millgate.policies.core.AbstractWebPolicy;
import org.millgate.policies.core.PolicyOrder;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#CORS}: cross-origin calls to the API
 * paths ({@code /v*}) are granted to one origin only, the developer portal's try-it
 * console; every other origin gets no CORS headers (its preflight a 403), so browsers
 * refuse its cross-origin calls. Spring's {@link CorsWebFilter} decides. Configuration:
 * {@link Config}. No failure code: a refused preflight has no body.
 */
public final class CorsPolicy extends AbstractWebPolicy {

	public static final String ID = "cors";

	static final List<String> ALLOWED_HEADERS = List.of("Authorization", "Content-Type", "Idempotency-Key",
			"If-None-Match", "X-Correlation-Id", "traceparent");

	static final List<String> EXPOSED_HEADERS = List.of("RateLimit", "RateLimit-Policy", "Retry-After", "ETag",
			"X-Correlation-Id", "Deprecation", "Sunset", "Link", "Idempotency-Replayed", "Location");

	private final CorsWebFilter cors;

	public CorsPolicy(Config config) {
		super(ID, PolicyOrder.CORS);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (config.allowedOrigin() != null && !config.allowedOrigin().isBlank()) {
			CorsConfiguration allowed = new CorsConfiguration();
			allowed.addAllowedOrigin(config.allowedOrigin());
			allowed.setAllowedMethods(List.of("GET", "POST"));
			allowed.setAllowedHeaders(ALLOWED_HEADERS);
			allowed.setExposedHeaders(EXPOSED_HEADERS);
			allowed.setMaxAge(Duration.ofMinutes(10));
			source.registerCorsConfiguration("/v*/**", allowed);
		}
		this.cors = new CorsWebFilter(source);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.cors.filter(exchange, chain);
	}

	/**
	 * Configuration of {@value #ID}.
	 *
	 * @param allowedOrigin the one origin browsers may call the APIs from (the developer
	 * portal); empty or null for none
	 */
	public record Config(String allowedOrigin) {

	}

}
