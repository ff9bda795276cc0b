package org.millgate.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.util.StringUtils;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.policies.auth.AuthenticationPolicy;
import org.millgate.policies.auth.CredentialRevocations;
import org.millgate.policies.auth.TokenVerifier;
import org.millgate.policies.auth.TrustedIssuer;
import org.millgate.policies.core.Problems;
import org.millgate.policies.hygiene.HygienePolicy;
import org.millgate.policies.observability.AccessLogPolicy;
import org.millgate.policies.observability.CorrelationPolicy;
import org.millgate.policies.observability.RedisUsageSink;
import org.millgate.policies.observability.UsageLedger;
import org.millgate.policies.throttle.LocalRateLimitStore;
import org.millgate.policies.throttle.PlanLimits;
import org.millgate.policies.throttle.RedisRateLimitStore;

/**
 * The policies' shared parts; the per-route ones are made by {@link CatalogRoutes}.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	@Bean
	ContractCatalog contractCatalog(GatewaySettings settings) {
		if (StringUtils.hasText(settings.catalogDir())) {
			return ContractCatalog.load(Path.of(settings.catalogDir()));
		}
		return ContractCatalog.load();
	}

	@Bean
	Problems problems() {
		return new Problems(ProblemTypes.load());
	}

	@Bean
	TokenVerifier tokenVerifier(GatewaySettings settings, Revocations revocations) {
		List<TrustedIssuer> issuers = settings.issuers()
			.stream()
			.map((issuer) -> new TrustedIssuer(issuer.issuer(), issuer.jwkSetUri(), issuer.audience()))
			.toList();
		return new TokenVerifier(issuers, settings.clockSkew(), new HashSet<>(settings.algorithms()),
				revocations.lists());
	}

	/**
	 * The issuers' lists of revoked and rotated clients, read every
	 * {@code revocation-refresh} in the background.
	 * @param settings the settings
	 * @return the lists
	 */
	@Bean(destroyMethod = "close")
	Revocations revocations(GatewaySettings settings) {
		return new Revocations(settings.issuers()
			.stream()
			.filter((issuer) -> StringUtils.hasText(issuer.revocationsUri()))
			.map((issuer) -> new CredentialRevocations(issuer.issuer(), java.net.URI.create(issuer.revocationsUri()))
				.start(settings.revocationRefresh()))
			.toList());
	}

	/**
	 * The revocation lists, closed with the application.
	 *
	 * @param lists one per issuer that publishes one
	 */
	record Revocations(List<CredentialRevocations> lists) {

		void close() {
			this.lists.forEach(CredentialRevocations::close);
		}

	}

	@Bean
	AuthenticationPolicy authenticationPolicy(TokenVerifier verifier, Problems problems, GatewaySettings settings) {
		return new AuthenticationPolicy(verifier, problems, settings.defaultPlan());
	}

	@Bean
	Plans plans(ContractCatalog catalog) {
		return new Plans(catalog.plans()
			.stream()
			.map(PlanLimits::of)
			.collect(Collectors.toUnmodifiableMap(PlanLimits::plan, Function.identity())));
	}

	@Bean(destroyMethod = "close")
	ThrottleStores throttleStores(GatewaySettings settings) {
		// commands may take longer than a decision waits; the throttling policy bounds
		// each
		// decision itself (see ThrottlingPolicy)
		RedisRateLimitStore shared = StringUtils.hasText(settings.redisUrl())
				? new RedisRateLimitStore(settings.redisUrl(), Duration.ofSeconds(2)) : null;
		return new ThrottleStores(shared, new LocalRateLimitStore());
	}

	@Bean
	UsageEndpoint usageEndpoint(Usage usage) {
		return new UsageEndpoint(usage.ledger());
	}

	@Bean
	CorrelationPolicy correlationPolicy() {
		return new CorrelationPolicy();
	}

	@Bean
	AccessLogPolicy accessLogPolicy(MeterRegistry meters, Usage usage) {
		return new AccessLogPolicy(meters, usage.ledger());
	}

	/**
	 * Each client's calls per product version, written to Redis every {@code usage-flush}
	 * for the developer portal; kept in this instance only without Redis
	 * ({@code /actuator/usage}).
	 * @param settings the settings
	 * @return the usage ledger and its writer
	 */
	@Bean(destroyMethod = "close")
	Usage usage(GatewaySettings settings) {
		if (!StringUtils.hasText(settings.usageRedis())) {
			return new Usage(new UsageLedger(null), null, null);
		}
		RedisUsageSink sink = new RedisUsageSink(settings.usageRedis());
		UsageLedger ledger = new UsageLedger(sink);
		Disposable writer = Flux.interval(settings.usageFlush(), settings.usageFlush())
			.onBackpressureDrop()
			.concatMap((tick) -> ledger.flush(), 1)
			.subscribe();
		return new Usage(ledger, sink, writer);
	}

	/**
	 * The usage ledger, its store and the periodic writer, closed with the application
	 * (after a last write).
	 *
	 * @param ledger the ledger
	 * @param sink the store, or null without Redis
	 * @param writer the periodic writer, or null without Redis
	 */
	record Usage(UsageLedger ledger, RedisUsageSink sink, Disposable writer) {

		void close() {
			if (this.sink != null) {
				this.writer.dispose();
				// a last write of what was counted, after any write under way (at
				// shutdown,
				// not on an event loop)
				long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
				while (this.ledger.flushing() && System.nanoTime() < deadline) {
					java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
				}
				this.ledger.flush().block(Duration.ofSeconds(3));
				this.sink.close();
			}
		}

	}

	@Bean
	HygienePolicy hygienePolicy(GatewaySettings settings) {
		return new HygienePolicy(settings.trustedProxies());
	}

	/**
	 * CORS for the developer portal's try-it console only; every other origin gets no
	 * CORS headers, so browsers refuse cross-origin calls from it.
	 * @param settings the settings
	 * @return the filter
	 */
	@Bean
	CorsWebFilter portalCors(GatewaySettings settings) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (StringUtils.hasText(settings.portalOrigin())) {
			CorsConfiguration portal = new CorsConfiguration();
			portal.addAllowedOrigin(settings.portalOrigin());
			portal.setAllowedMethods(List.of("GET", "POST"));
			portal.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-None-Match",
					"X-Correlation-Id", "traceparent"));
			portal.setExposedHeaders(List.of("RateLimit", "RateLimit-Policy", "Retry-After", "ETag", "X-Correlation-Id",
					"Deprecation", "Sunset", "Link", "Idempotency-Replayed", "Location"));
			portal.setMaxAge(Duration.ofMinutes(10));
			source.registerCorsConfiguration("/v*/**", portal);
		}
		return new OrderedCorsWebFilter(source);
	}

	/**
	 * CORS right after correlation and hygiene, before anything answers.
	 */
	static final class OrderedCorsWebFilter extends CorsWebFilter implements Ordered {

		OrderedCorsWebFilter(UrlBasedCorsConfigurationSource source) {
			super(source);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 3;
		}

	}

	@Bean
	ManagementGuard managementGuard(GatewaySettings settings, Problems problems) {
		return new ManagementGuard(settings.managementClients(), problems);
	}

	@Bean
	ProblemErrorHandler problemErrorHandler(Problems problems) {
		return new ProblemErrorHandler(problems);
	}

	/**
	 * The catalog's plans as limits.
	 *
	 * @param byName limits by plan name
	 */
	record Plans(Map<String, PlanLimits> byName) {

	}

}
