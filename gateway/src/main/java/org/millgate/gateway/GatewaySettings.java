package org.millgate.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.millgate.policies.throttle.RedisDownMode;
import org.millgate.policies.validation.ResponseValidationMode;

/**
 * The gateway's settings ({@code millgate.gateway.*}). Scopes, plans, limits and
 * lifecycle are not here: they come from the contract catalog.
 *
 * @param backends the service of each product
 * @param issuers the trusted token issuers
 * @param algorithms the accepted JWS algorithms
 * @param clockSkew the clock difference tolerated for {@code exp} and {@code nbf}
 * @param defaultPlan the plan of tokens that name none
 * @param redisUrl Redis for shared throttling; blank for local buckets
 * @param throttleDecisionTimeout how long a throttling decision may wait for Redis
 * @param trustedProxies a regular expression of the proxies whose forwarding headers are
 * believed; blank trusts none
 * @param portalOrigin the one origin browsers may call from (the developer portal)
 * @param products per-product settings
 * @param managementClients a regular expression of the addresses that may read
 * {@code /actuator} beyond health; blank for loopback only
 * @param catalogDir a directory with {@code catalog.yaml} and contracts to serve instead
 * of the built-in catalog; blank for the built-in one
 */
@ConfigurationProperties("millgate.gateway")
public record GatewaySettings(Map<String, URI> backends, List<Issuer> issuers, List<String> algorithms,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue("partner-basic") String defaultPlan, String redisUrl,
		@DefaultValue("50ms") Duration throttleDecisionTimeout, String trustedProxies, String portalOrigin,
		Map<String, ProductSettings> products, String managementClients, String catalogDir,
		@DefaultValue("5s") Duration revocationRefresh, @DefaultValue("5s") Duration usageFlush, String usageRedisUrl) {

	/**
	 * Where usage is counted: {@code usage-redis-url}, or else the throttling Redis.
	 * @return the Redis URL, or null for none
	 */
	public String usageRedis() {
		return (this.usageRedisUrl != null && !this.usageRedisUrl.isBlank()) ? this.usageRedisUrl : this.redisUrl;
	}

	/**
	 * The settings of a product, defaults where it has none.
	 * @param product the product id
	 * @return its settings
	 */
	public ProductSettings product(String product) {
		return (this.products != null && this.products.containsKey(product)) ? this.products.get(product)
				: new ProductSettings(RedisDownMode.FAIL_OPEN, 64, 65536, Duration.ofSeconds(15), Map.of(),
						ResponseValidationMode.ENFORCE, null, 100);
	}

	/**
	 * A trusted issuer.
	 *
	 * @param issuer the {@code iss} value
	 * @param jwkSetUri its keys
	 * @param audience the audience its tokens carry for Millgate
	 * @param revocationsUri where it lists revoked and rotated clients (Millgate
	 * identity's {@code /oauth2/revocations}); none for an issuer without such a list
	 */
	public record Issuer(String issuer, String jwkSetUri, @DefaultValue("millgate-api") String audience,
			String revocationsUri) {

	}

	/**
	 * Per-product settings.
	 *
	 * @param redisDown fail-open or fail-closed while Redis is unreachable
	 * @param capacity calls in flight to the service from this instance (priority lanes)
	 * @param maxBodyBytes the largest request body
	 * @param timeout the response timeout
	 * @param responseValidation the response validation mode per version
	 * @param defaultResponseValidation the mode of versions not listed
	 * @param circuitBreaker the circuit breaker in front of the service
	 * @param reportChecksPerSecond in response validation's report mode, how many
	 * responses a second each route checks (the rest pass unchecked); enforce mode checks
	 * every one
	 */
	public record ProductSettings(@DefaultValue("fail-open") RedisDownMode redisDown, @DefaultValue("64") int capacity,
			@DefaultValue("65536") int maxBodyBytes, @DefaultValue("15s") Duration timeout,
			Map<String, ResponseValidationMode> responseValidation,
			@DefaultValue("enforce") ResponseValidationMode defaultResponseValidation,
			CircuitBreakerSettings circuitBreaker, @DefaultValue("100") int reportChecksPerSecond) {

		public CircuitBreakerSettings breaker() {
			return (this.circuitBreaker != null) ? this.circuitBreaker
					: new CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(5));
		}

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
	 * @param openFor how long it stays open
	 */
	public record CircuitBreakerSettings(@DefaultValue("50") float failureRatePercent, @DefaultValue("20") int window,
			@DefaultValue("10") int minimumCalls, @DefaultValue("5s") Duration openFor) {

	}

}
