package org.millgate.policies.throttle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.gateway.filter.GatewayFilter;

import org.millgate.contracts.access.Caller;
import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#THROTTLING}: one bucket per client and
 * product with the limits of the caller's plan (from the catalog); for a partner's client
 * whose plan has partner limits, a second bucket per partner and product that all the
 * partner's clients share (so that a partner does not multiply its quota by creating
 * apps); and priority lanes in front of each product's backend (shared by its versions).
 * Every answer carries {@code RateLimit-Policy} and {@code RateLimit}; a 429 says which
 * limit was reached.
 *
 * <p>
 * Redis counts as down when its connection is lost (decided at once: commands are
 * rejected, not queued) or when a decision timed out and Redis has not answered since
 * (then decided within the decision timeout, 50 ms by default); the product's mode
 * applies. While Redis is responsive, a decision may take up to 500 ms, since falling
 * back to local buckets while the shared one still counts would admit beyond the shared
 * limit.
 *
 * <p>
 * Configuration: {@link Config}, per product. Failure codes:
 * {@value #RATE_LIMIT_EXCEEDED} (429 with {@code Retry-After}),
 * {@value #THROTTLE_UNAVAILABLE} (503, a fail-closed product while Redis is unreachable).
 */
public final class ThrottlingPolicy extends AbstractRoutePolicy<ThrottlingPolicy.Config> {

	public static final String ID = "throttling";

	/** 429: the plan's limit is reached, or the caller's priority lane is full. */
	public static final String RATE_LIMIT_EXCEEDED = "rateLimit.exceeded";

	/** 503: the shared store cannot decide and the product fails closed. */
	public static final String THROTTLE_UNAVAILABLE = "throttle.unavailable";

	/** How long a decision may take while the store keeps answering, only slowly. */
	static final Duration BUSY_STORE_TIMEOUT = Duration.ofMillis(500);

	static final RateLimitDecision STORE_UNAVAILABLE = new RateLimitDecision(false, "unavailable", 0, 1, 1);

	private final Map<String, PlanLimits> plans;

	private final Map<String, PlanLimits> partnerPlans;

	private final RateLimitStore shared;

	private final LocalRateLimitStore local;

	private final Problems problems;

	private final Map<String, ProductThrottle> products = new ConcurrentHashMap<>();

	/**
	 * The policy.
	 * @param configs the configuration of each route's product
	 * @param plans the catalog's plans by name
	 * @param shared the shared store, or null for local buckets only
	 * @param local the local store
	 * @param problems problem answers
	 */
	public ThrottlingPolicy(RouteConfigs<Config> configs, Map<String, PlanLimits> plans, RateLimitStore shared,
			LocalRateLimitStore local, Problems problems) {
		this(configs, plans, Map.of(), shared, local, problems);
	}

	/**
	 * The policy, with partner limits.
	 * @param configs the configuration of each route's product
	 * @param plans the catalog's plans by name
	 * @param partnerPlans the partner limits of the plans that have them, by plan name
	 * @param shared the shared store, or null for local buckets only
	 * @param local the local store
	 * @param problems problem answers
	 */
	public ThrottlingPolicy(RouteConfigs<Config> configs, Map<String, PlanLimits> plans,
			Map<String, PlanLimits> partnerPlans, RateLimitStore shared, LocalRateLimitStore local, Problems problems) {
		super(ID, PolicyOrder.THROTTLING, configs);
		this.plans = Map.copyOf(plans);
		this.partnerPlans = Map.copyOf(partnerPlans);
		this.shared = shared;
		this.local = local;
		this.problems = problems;
	}

	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		return throttle(route, config)::filter;
	}

	/**
	 * The throttle of a route's product, made with the configuration of its first route.
	 * @param route the route
	 * @param config the configuration on the route
	 * @return the product's throttle
	 */
	ProductThrottle throttle(ApiRoute route, Config config) {
		return this.products.computeIfAbsent(route.productId(), (product) -> {
			PlanLimits fallback = this.plans.get(config.fallbackPlan());
			if (fallback == null) {
				throw new IllegalArgumentException("The fallback plan '" + config.fallbackPlan() + "' of " + product
						+ " is not a plan of the catalog; plans: " + this.plans.keySet());
			}
			return new ProductThrottle(product, config, this.plans, this.partnerPlans, fallback, this.shared,
					this.local, this.problems);
		});
	}

	/**
	 * Where the buckets' keys begin: hashes of {@code take-token.lua}; the strings of the
	 * compare-and-swap store before it were under {@code millgate:rl:} and expire there.
	 */
	static final String PREFIX = "millgate:throttle:";

	/**
	 * The bucket of a caller: per product, limits (a plan change starts a new bucket),
	 * issuer (equal client ids of two issuers are two clients) and client.
	 * @param product the product
	 * @param limits the caller's limits
	 * @param caller the caller
	 * @return the key
	 */
	static String key(String product, PlanLimits limits, Caller caller) {
		return PREFIX + product + ":" + limits.fingerprint() + ":" + caller.issuer() + ":" + caller.clientId();
	}

	/**
	 * The bucket all clients of one partner share: per product, limits, issuer and
	 * partner.
	 * @param product the product
	 * @param limits the partner limits
	 * @param caller the caller, of a partner
	 * @return the key
	 */
	static String partnerKey(String product, PlanLimits limits, Caller caller) {
		return PREFIX + product + ":" + limits.fingerprint() + ":" + caller.issuer() + ":partner:" + caller.partnerId();
	}

	/**
	 * Configuration of {@value #ID} for a product.
	 *
	 * @param redisDownMode what happens when Redis does not decide in time
	 * @param decisionTimeout how long a decision may wait for a Redis that stopped
	 * answering
	 * @param capacity the calls in flight the product's backend takes from this gateway
	 * instance (its priority lanes)
	 * @param fallbackPlan the plan whose limits apply to a caller whose plan the catalog
	 * does not know
	 */
	public record Config(RedisDownMode redisDownMode, Duration decisionTimeout, int capacity, String fallbackPlan) {

	}

}
