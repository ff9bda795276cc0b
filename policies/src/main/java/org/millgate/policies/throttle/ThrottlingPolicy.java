package org.millgate.policies.throttle;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.Caller;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.Problems;

/**
 * Policy {@code throttling}: one bucket per client and product with the limits of the
 * caller's plan (from the catalog), and priority lanes in front of the product's backend.
 * Every answer carries {@code RateLimit-Policy} and {@code RateLimit}.
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
 * Failure codes: {@code rateLimit.exceeded} (429 with {@code Retry-After}),
 * {@code throttle.unavailable} (503, a fail-closed product while Redis is unreachable).
 */
public final class ThrottlingPolicy implements Policy {

	public static final String ID = "throttling";

	private static final Logger logger = LoggerFactory.getLogger(ThrottlingPolicy.class);

	private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

	/** How long a decision may take while the store keeps answering, only slowly. */
	static final Duration BUSY_STORE_TIMEOUT = Duration.ofMillis(500);

	static final RateLimitDecision STORE_UNAVAILABLE = new RateLimitDecision(false, "unavailable", 0, 1, 1);

	private final String product;

	private final Config config;

	private final Map<String, PlanLimits> plans;

	private final PlanLimits fallbackPlan;

	private final RateLimitStore shared;

	private final LocalRateLimitStore local;

	private final PriorityLanes lanes;

	private final Problems problems;

	/** The header value of each plan, built once rather than on every request. */
	private final Map<PlanLimits, String> policyHeaders = new ConcurrentHashMap<>();

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	/**
	 * The policy for one product.
	 * @param product the product id
	 * @param config its configuration
	 * @param plans the plans by name
	 * @param fallbackPlan the plan of tokens that name none or an unknown one
	 * @param shared the shared store, or null for local buckets only
	 * @param local the local store
	 * @param lanes the product's priority lanes
	 * @param problems problem answers
	 */
	public ThrottlingPolicy(String product, Config config, Map<String, PlanLimits> plans, PlanLimits fallbackPlan,
			RateLimitStore shared, LocalRateLimitStore local, PriorityLanes lanes, Problems problems) {
		this.product = product;
		this.config = config;
		this.plans = Map.copyOf(plans);
		this.fallbackPlan = fallbackPlan;
		this.shared = shared;
		this.local = local;
		this.lanes = lanes;
		this.problems = problems;
	}

	@Override
	public String id() {
		return ID;
	}

	public OrderedGatewayFilter filter() {
		return new OrderedGatewayFilter(this::apply, PolicyOrder.THROTTLING);
	}

	/**
	 * The limits a caller's plan gives.
	 * @param plan the plan's name
	 * @return the limits
	 */
	public PlanLimits limits(String plan) {
		return this.plans.getOrDefault(plan, this.fallbackPlan);
	}

	Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain) {
		Caller caller = Caller.of(exchange).orElseThrow();
		PlanLimits limits = limits(caller.plan());
		String key = key(this.product, limits, caller);
		return decide(key, limits).flatMap((decision) -> {
			if (decision == STORE_UNAVAILABLE) {
				return this.problems.write(exchange, "throttle.unavailable",
						"The rate-limit store is unreachable and " + this.product
								+ " does not admit unmetered calls; retry after 1 s.",
						List.<RequestViolation>of(), retryAfter(1));
			}
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set("RateLimit-Policy", this.policyHeaders.computeIfAbsent(limits, PlanLimits::policyHeader));
			headers.set("RateLimit", decision.header());
			if (!decision.admitted()) {
				ApiCall.of(exchange).throttled();
				return this.problems.write(exchange, "rateLimit.exceeded",
						"Plan " + limits.plan() + " allows " + limits.burst() + " calls at once and "
								+ limits.perSecond() + " per second to " + this.product
								+ ((limits.dailyQuota() > 0) ? " and " + limits.dailyQuota() + " a day" : "")
								+ "; retry after " + decision.retryAfterSeconds() + " s.",
						List.<RequestViolation>of(), retryAfter(decision.retryAfterSeconds()));
			}
			if (!this.lanes.tryEnter(limits.priority())) {
				ApiCall.of(exchange).throttled();
				return this.problems.write(exchange, "rateLimit.exceeded",
						this.product + " is saturated; calls of the "
								+ limits.priority().name().toLowerCase(Locale.ROOT) + " priority lane (plan "
								+ limits.plan() + ") are shed for now; retry after 1 s.",
						List.<RequestViolation>of(), retryAfter(1));
			}
			return chain.filter(exchange).doFinally((signal) -> this.lanes.leave());
		});
	}

	/**
	 * The bucket of a caller: per product, limits (a plan change starts a new bucket),
	 * issuer (equal client ids of two issuers are two clients) and client.
	 * @param product the product
	 * @param limits the caller's limits
	 * @param caller the caller
	 * @return the key
	 */
	static String key(String product, PlanLimits limits, Caller caller) {
		return "millgate:rl:" + product + ":" + limits.fingerprint() + ":" + caller.issuer() + ":" + caller.clientId();
	}

	/**
	 * Takes a token, from the shared store when there is one, within the decision
	 * timeout.
	 * @param key the bucket key
	 * @param limits the limits
	 * @return the decision, {@link #STORE_UNAVAILABLE} when the product fails closed and
	 * the store did not answer
	 */
	Mono<RateLimitDecision> decide(String key, PlanLimits limits) {
		if (this.shared == null) {
			return Mono.fromFuture(this.local.consume(key, limits)).map((probe) -> RateLimitDecision.of(probe, limits));
		}
		// a store that keeps answering gets longer when busy: falling back while it still
		// counts would admit beyond the shared limit
		Duration bound = this.shared.isResponsive() ? max(this.config.decisionTimeout(), BUSY_STORE_TIMEOUT)
				: this.config.decisionTimeout();
		return Mono.fromFuture(() -> this.shared.consume(key, limits))
			.timeout(bound)
			.map((probe) -> RateLimitDecision.of(probe, limits))
			.onErrorResume((failure) -> {
				if (isTimeout(failure)) {
					this.shared.timedOut();
				}
				warn(failure, bound);
				if (this.config.redisDownMode() == RedisDownMode.FAIL_OPEN) {
					return Mono.fromFuture(this.local.consume(key, limits))
						.map((probe) -> RateLimitDecision.of(probe, limits));
				}
				return Mono.just(STORE_UNAVAILABLE);
			});
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof io.lettuce.core.RedisCommandTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private void warn(Throwable failure, Duration bound) {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last >= WARN_EVERY_NANOS && this.lastWarning.compareAndSet(last, now)) {
			logger.warn("Rate-limit store did not decide for {} ({}); {}", this.product,
					(failure instanceof TimeoutException) ? "no answer within " + bound.toMillis() + " ms"
							: failure.getMessage(),
					(this.config.redisDownMode() == RedisDownMode.FAIL_OPEN) ? "admitting by local buckets"
							: "refusing with 503");
		}
	}

	private static HttpHeaders retryAfter(long seconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return headers;
	}

	/**
	 * The throttling configuration of a product.
	 *
	 * @param redisDownMode what happens when Redis does not decide in time
	 * @param decisionTimeout how long a decision may wait for a Redis that stopped
	 * answering
	 */
	public record Config(RedisDownMode redisDownMode, Duration decisionTimeout) {

	}

}
