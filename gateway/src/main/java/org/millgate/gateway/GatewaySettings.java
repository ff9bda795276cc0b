package org.millgate.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.millgate.contracts.access.ClaimMapping;
import org.millgate.policies.throttle.RedisDownMode;
import org.millgate.policies.validation.ResponseValidationMode;
import org.millgate.web.TokenIntrospection;

/**
 * The gateway's settings ({@code millgate.gateway.*}). Scopes, plans, limits and
 * lifecycle are not here: they come from the contract catalog. Each default is written
 * once, in a {@code @DefaultValue}; a product without settings of its own gets those of
 * {@link ProductSettings}.
 *
 * @param backends the service of each product, by product id
 * @param issuers the trusted token issuers; list several to trust several
 * @param algorithms the accepted JWS algorithms ({@code none} and HMAC never are)
 * @param clockSkew the clock difference tolerated for {@code exp} and {@code nbf}
 * @param defaultPlan the plan of tokens that name none (tokens of other issuers), and the
 * limits of a plan the catalog does not know
 * @param redisUrl Redis for throttling buckets shared by every gateway instance; blank
 * for buckets local to each instance
 * @param throttleDecisionTimeout how long a throttling decision waits for a Redis that
 * has stopped answering
 * @param trustedProxies a regular expression of the proxies whose forwarding headers are
 * believed; blank trusts none
 * @param portalOrigin the one origin browsers may call the APIs from (the developer
 * portal); blank for none
 * @param products the settings of each product, by product id
 * @param managementClients a regular expression of the addresses that may read
 * {@code /actuator} beyond health; blank for loopback only
 * @param catalogDir a directory with {@code catalog.yaml} and contracts to serve instead
 * of the built-in catalog; blank for the built-in one
 * @param revocationRefresh how often the issuers' lists of revoked clients and rotated
 * secrets are read
 * @param usageFlush how often each client's counted calls are added to Redis for the
 * developer portal
 * @param usageRedisUrl Redis for the usage counts; blank for the throttling Redis
 * @param keySetLifetime how long an issuer's keys are trusted before they are fetched
 * again: a key the issuer withdraws stops being trusted within it
 * @param failedAuthentications how many requests without a valid token one client address
 * may send, at once and per second, before its requests are answered 429 unread
 * @param metricsClientSeries how many distinct clients get series of their own in timer
 * {@code millgate.gateway.requests}; later ones are counted as {@code (other)}, so that
 * many clients cannot grow the gateway's memory without end
 */
@ConfigurationProperties("millgate.gateway")
public record GatewaySettings(Map<String, URI> backends, List<Issuer> issuers,
		@DefaultValue("RS256") List<String> algorithms, @DefaultValue("30s") Duration clockSkew,
		@DefaultValue("partner-basic") String defaultPlan, String redisUrl,
		@DefaultValue("50ms") Duration throttleDecisionTimeout, String trustedProxies, String portalOrigin,
		Map<String, ProductSettings> products, String managementClients, String catalogDir,
		@DefaultValue("5s") Duration revocationRefresh, @DefaultValue("5s") Duration usageFlush, String usageRedisUrl,
		@DefaultValue("5m") Duration keySetLifetime, @DefaultValue FailureLimits failedAuthentications,
		@DefaultValue("1000") int metricsClientSeries) {

	/**
	 * Where usage is counted: {@code usage-redis-url}, or else the throttling Redis.
	 * @return the Redis URL, or null for none
	 */
	public String usageRedis() {
		return (this.usageRedisUrl != null && !this.usageRedisUrl.isBlank()) ? this.usageRedisUrl : this.redisUrl;
	}

	/**
	 * The settings of a product: its own, or the defaults when it has none.
	 * @param product the product id
	 * @return its settings
	 */
	public ProductSettings product(String product) {
		ProductSettings own = (this.products != null) ? this.products.get(product) : null;
		return (own != null) ? own : ProductSettings.DEFAULTS;
	}

	/**
	 * Limits on requests without a valid token, per client address.
	 *
	 * @param burst how many may fail at once
	 * @param perSecond how many may fail per second after that
	 */
	public record FailureLimits(@DefaultValue("20") int burst, @DefaultValue("5") int perSecond) {

	}

	/**
	 * A trusted issuer.
	 *
	 * @param issuer the {@code iss} value, exactly
	 * @param jwkSetUri where its public keys are
	 * @param audience the audience its tokens carry for Millgate
	 * @param revocationsUri where it lists revoked and rotated clients (Millgate
	 * identity's {@code /oauth2/revocations}); blank for an issuer without such a list
	 * @param claims where its tokens say who calls: {@code client-id}, {@code scopes},
	 * {@code scope-values}, {@code plants}, {@code plant-pattern}, {@code partner},
	 * {@code plan} ({@link ClaimMapping}); left out, Millgate's standard claims
	 * @param introspection for an issuer without a revocation list (Keycloak, Okta):
	 * where and as whom each token is asked about, so that a disabled client's tokens are
	 * refused within {@code cache-for}; left out or without a {@code uri}, tokens are
	 * accepted until they expire
	 */
	public record Issuer(String issuer, String jwkSetUri, @DefaultValue("millgate-api") String audience,
			String revocationsUri, ClaimMapping claims, TokenIntrospection.Settings introspection) {

		public Issuer {
			claims = (claims != null) ? claims : ClaimMapping.STANDARD;
			// no uri (an environment variable left empty): off
			introspection = (introspection != null && introspection.enabled()) ? introspection : null;
		}

	}

	/**
	 * The settings of a product.
	 *
	 * @param redisDown while Redis is unreachable: admit by local buckets
	 * ({@code fail-open}) or refuse with 503 ({@code fail-closed})
	 * @param capacity the calls in flight to the service from this instance; low-priority
	 * plans are shed at half of it, normal ones at 80 %, line-critical ones only when it
	 * is full
	 * @param maxBodyBytes the largest request body; larger ones get 413
	 * @param timeout the service's response timeout
	 * @param responseValidation the response validation mode per version
	 * @param defaultResponseValidation the response validation mode of versions not
	 * listed
	 * @param circuitBreaker the circuit breaker in front of the service
	 * @param reportChecksPerSecond in response validation's report mode, how many
	 * responses a second each route checks (the rest pass unchecked); enforce mode checks
	 * every one
	 */
	public record ProductSettings(@DefaultValue("fail-open") RedisDownMode redisDown, @DefaultValue("64") int capacity,
			@DefaultValue("65536") int maxBodyBytes, @DefaultValue("15s") Duration timeout,
			Map<String, ResponseValidationMode> responseValidation,
			@DefaultValue("enforce") ResponseValidationMode defaultResponseValidation,
			@DefaultValue CircuitBreakerSettings circuitBreaker, @DefaultValue("100") int reportChecksPerSecond) {

		/**
		 * The settings of a product that has none: the defaults above, bound from
		 * nothing.
		 */
		static final ProductSettings DEFAULTS = new Binder().bindOrCreate("millgate.gateway.products.defaults",
				ProductSettings.class);

		/**
		 * The response validation mode of a version.
		 * @param version the version, e.g. {@code v1}
		 * @return its mode
		 */
		public ResponseValidationMode responseValidation(String version) {
			return (this.responseValidation != null && this.responseValidation.containsKey(version))
					? this.responseValidation.get(version) : this.defaultResponseValidation;
		}

	}

	/**
	 * A circuit breaker's settings.
	 *
	 * @param failureRatePercent the failure rate that opens it
	 * @param window the calls the rate is computed over
	 * @param minimumCalls the calls needed before the rate counts
	 * @param openFor how long it stays open before a few calls try again
	 */
	public record CircuitBreakerSettings(@DefaultValue("50") float failureRatePercent, @DefaultValue("20") int window,
			@DefaultValue("10") int minimumCalls, @DefaultValue("5s") Duration openFor) {

	}

}
