package org.millgate.policies.throttle;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisCommandTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.ApiCall;
import org.millgate.web.Problems;

/**
 * The throttling of one product: its configuration, its priority lanes and its decisions.
 */
final class ProductThrottle {

	private static final Logger logger = LoggerFactory.getLogger(ThrottlingPolicy.class);

	private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

	private final String product;

	private final ThrottlingPolicy.Config config;

	private final Map<String, PlanLimits> plans;

	private final Map<String, PlanLimits> partnerPlans;

	private final PlanLimits fallbackPlan;

	private final RateLimitStore shared;

	private final LocalRateLimitStore local;

	private final PriorityLanes lanes;

	private final Problems problems;

	/** The header value of each plan, built once rather than on every request. */
	private final Map<PlanLimits, String> policyHeaders = new ConcurrentHashMap<>();

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	ProductThrottle(String product, ThrottlingPolicy.Config config, Map<String, PlanLimits> plans,
			Map<String, PlanLimits> partnerPlans, PlanLimits fallbackPlan, RateLimitStore shared,
			LocalRateLimitStore local, Problems problems) {
		this.product = product;
		this.config = config;
		this.plans = plans;
		this.partnerPlans = partnerPlans;
		this.fallbackPlan = fallbackPlan;
		this.shared = shared;
		this.local = local;
		this.lanes = new PriorityLanes(config.capacity());
		this.problems = problems;
	}

	/**
	 * The limits a caller's plan gives.
	 * @param plan the plan's name
	 * @return the limits
	 */
	PlanLimits limits(String plan) {
		return this.plans.getOrDefault(plan, this.fallbackPlan);
	}

	Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Caller caller = ApiCall.of(exchange).caller().orElseThrow();
		PlanLimits limits = limits(caller.plan());
		String key = ThrottlingPolicy.key(this.product, limits, caller);
		return decide(key, limits).flatMap((decision) -> {
			if (decision == ThrottlingPolicy.STORE_UNAVAILABLE) {
				return unavailable(exchange);
			}
			setHeaders(exchange, limits, decision);
			if (!decision.admitted()) {
				ApiCall.of(exchange).throttled();
				return this.problems.write(exchange, ThrottlingPolicy.RATE_LIMIT_EXCEEDED,
						"Client limit reached: plan " + limits.plan() + " allows each client " + limits.burst()
								+ " calls at once and " + limits.perSecond() + " per second to " + this.product
								+ ((limits.dailyQuota() > 0) ? " and " + limits.dailyQuota() + " a day" : "")
								+ "; retry after " + decision.retryAfterSeconds() + " s.",
						List.<RequestViolation>of(), retryAfter(decision.retryAfterSeconds()));
			}
			PlanLimits partnerLimits = (caller.partnerId() != null) ? this.partnerPlans.get(limits.plan()) : null;
			if (partnerLimits == null) {
				return enter(exchange, chain, limits);
			}
			return decide(ThrottlingPolicy.partnerKey(this.product, partnerLimits, caller), partnerLimits)
				.flatMap((partnerDecision) -> {
					if (partnerDecision == ThrottlingPolicy.STORE_UNAVAILABLE) {
						return unavailable(exchange);
					}
					if (!partnerDecision.admitted()) {
						setHeaders(exchange, partnerLimits, partnerDecision);
						ApiCall.of(exchange).throttled();
						return this.problems.write(exchange, ThrottlingPolicy.RATE_LIMIT_EXCEEDED,
								"Partner limit reached: plan " + limits.plan() + " allows all clients of partner "
										+ caller.partnerId() + " together " + partnerLimits.burst()
										+ " calls at once and " + partnerLimits.perSecond() + " per second to "
										+ this.product
										+ ((partnerLimits.dailyQuota() > 0)
												? " and " + partnerLimits.dailyQuota() + " a day" : "")
										+ "; retry after " + partnerDecision.retryAfterSeconds() + " s.",
								List.<RequestViolation>of(), retryAfter(partnerDecision.retryAfterSeconds()));
					}
					return enter(exchange, chain, limits);
				});
		});
	}

	private Mono<Void> enter(ServerWebExchange exchange, GatewayFilterChain chain, PlanLimits limits) {
		if (!this.lanes.tryEnter(limits.priority())) {
			ApiCall.of(exchange).throttled();
			return this.problems.write(exchange, ThrottlingPolicy.RATE_LIMIT_EXCEEDED,
					this.product + " is saturated; calls of the " + limits.priority().name().toLowerCase(Locale.ROOT)
							+ " priority lane (plan " + limits.plan() + ") are shed for now; retry after 1 s.",
					List.<RequestViolation>of(), retryAfter(1));
		}
		return chain.filter(exchange).doFinally((signal) -> this.lanes.leave());
	}

	private void setHeaders(ServerWebExchange exchange, PlanLimits limits, RateLimitDecision decision) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("RateLimit-Policy", this.policyHeaders.computeIfAbsent(limits, PlanLimits::policyHeader));
		headers.set("RateLimit", decision.header());
	}

	private Mono<Void> unavailable(ServerWebExchange exchange) {
		return this.problems.write(exchange, ThrottlingPolicy.THROTTLE_UNAVAILABLE,
				"The rate-limit store is unreachable and " + this.product
						+ " does not admit unmetered calls; retry after 1 s.",
				List.<RequestViolation>of(), retryAfter(1));
	}

	/**
	 * Takes a token, from the shared store when there is one, within the decision
	 * timeout.
	 * @param key the bucket key
	 * @param limits the limits
	 * @return the decision, {@link ThrottlingPolicy#STORE_UNAVAILABLE} when the product
	 * fails closed and the store did not answer
	 */
	Mono<RateLimitDecision> decide(String key, PlanLimits limits) {
		if (this.shared == null) {
			return Mono.fromFuture(this.local.consume(key, limits));
		}
		// a store that keeps answering gets longer when busy: falling back while it still
		// counts would admit beyond the shared limit
		Duration bound = this.shared.isResponsive()
				? max(this.config.decisionTimeout(), ThrottlingPolicy.BUSY_STORE_TIMEOUT)
				: this.config.decisionTimeout();
		return Mono.fromFuture(() -> this.shared.consume(key, limits)).timeout(bound).onErrorResume((failure) -> {
			if (isTimeout(failure)) {
				this.shared.timedOut();
			}
			warn(failure, bound);
			if (this.config.redisDownMode() == RedisDownMode.FAIL_OPEN) {
				return Mono.fromFuture(this.local.consume(key, limits));
			}
			return Mono.just(ThrottlingPolicy.STORE_UNAVAILABLE);
		});
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException) {
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

}
