package org.millgate.policies.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.Problems;

/**
 * Policy {@code resilience}: a circuit breaker per product service. It counts calls that
 * fail to reach the service, time out (the route's response timeout), or answer 500, 502
 * or 504; a 503 is the service telling about the ERP behind it and is passed on as it is.
 * While the circuit is open, calls are answered at once. Failure codes:
 * {@code service.unavailable} (503 with {@code Retry-After}), {@code service.timeout}
 * (504).
 */
public final class ResiliencePolicy implements Policy {

	public static final String ID = "resilience";

	private static final Logger logger = LoggerFactory.getLogger(ResiliencePolicy.class);

	private static final Set<Integer> FAILING_STATUSES = Set.of(500, 502, 504);

	private final String product;

	private final CircuitBreaker breaker;

	private final Config config;

	private final Problems problems;

	public ResiliencePolicy(String product, Config config, Problems problems) {
		this.product = product;
		this.config = config;
		this.problems = problems;
		this.breaker = CircuitBreaker.of(product,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(config.slidingWindow())
					.minimumNumberOfCalls(config.minimumCalls())
					.failureRateThreshold(config.failureRatePercent())
					.waitDurationInOpenState(config.openFor())
					.permittedNumberOfCallsInHalfOpenState(Math.max(1, config.minimumCalls() / 2))
					.automaticTransitionFromOpenToHalfOpenEnabled(false)
					.build());
		// operators see when the gateway stops and resumes calling a product
		this.breaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("Circuit of {} {} (failure rate {}% of the last {} calls)",
					product, event.getStateTransition(), this.breaker.getMetrics().getFailureRate(),
					this.breaker.getMetrics().getNumberOfBufferedCalls()))
			.onError((event) -> logger.debug("Call to {} counted as failing: {}", product,
					event.getThrowable().toString()));
	}

	@Override
	public String id() {
		return ID;
	}

	public CircuitBreaker breaker() {
		return this.breaker;
	}

	public OrderedGatewayFilter filter() {
		return new OrderedGatewayFilter(this::apply, PolicyOrder.RESILIENCE);
	}

	/**
	 * Retries of GET requests that failed before any response arrived (connection refused
	 * or reset), twice with a short backoff. Writes and timeouts are never retried, nor
	 * is a failure once the answer has begun to go out (the caller hanging up mid-answer,
	 * say): Spring Cloud Gateway's retry would reset the committed answer's read-only
	 * headers and fail with {@code UnsupportedOperationException}, which the circuit
	 * breaker took for a product failure ({@code ./millgate bench} found it, when wrk
	 * closes its connections at the end of a run).
	 * @return the filter
	 */
	public static OrderedGatewayFilter retries() {
		RetryGatewayFilterFactory.RetryConfig retry = new RetryGatewayFilterFactory.RetryConfig().setRetries(2)
			.setMethods(HttpMethod.GET)
			.setSeries()
			.setStatuses()
			.setExceptions(IOException.class)
			.setBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, false);
		org.springframework.cloud.gateway.filter.GatewayFilter retrying = new RetryGatewayFilterFactory().apply(retry);
		return new OrderedGatewayFilter(
				(exchange,
						chain) -> retrying.filter(exchange,
								(attempt) -> chain.filter(attempt)
									.onErrorMap((failure) -> attempt.getResponse().isCommitted()
											&& failure instanceof IOException, AnswerInterrupted::new)),
				PolicyOrder.RETRY);
	}

	Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!this.breaker.tryAcquirePermission()) {
			return unavailable(exchange, "has been failing; the gateway stops calling it for a moment");
		}
		long start = System.nanoTime();
		return chain.filter(exchange).then(Mono.fromRunnable(() -> {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			long took = System.nanoTime() - start;
			if (status != null && FAILING_STATUSES.contains(status.value())) {
				this.breaker.onError(took, TimeUnit.NANOSECONDS, new UpstreamStatus(status.value()));
			}
			else {
				this.breaker.onSuccess(took, TimeUnit.NANOSECONDS);
			}
		})).doOnCancel(this.breaker::releasePermission).onErrorResume((failure) -> {
			if (isCallerGone(exchange, failure)) {
				// the caller hung up before the answer could be sent: nothing the product
				// did
				this.breaker.releasePermission();
				return Mono.error(failure);
			}
			this.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
			if (exchange.getResponse().isCommitted()) {
				// the answer is half out: abort it rather than end it as if complete
				return Mono.error(failure);
			}
			if (isTimeout(failure)) {
				return this.problems.write(exchange, "service.timeout", "The " + this.product
						+ " service did not answer within " + this.config.timeout().toMillis() + " ms.");
			}
			if (isUnreachable(failure)) {
				return unavailable(exchange, "cannot be reached");
			}
			return Mono.error(failure);
		}).then();
	}

	private Mono<Void> unavailable(ServerWebExchange exchange, String why) {
		long seconds = Math.max(1, (this.config.openFor().toMillis() + 999) / 1000);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return this.problems.write(exchange, "service.unavailable",
				"The " + this.product + " service " + why + "; retry after " + seconds + " s.",
				List.<RequestViolation>of(), headers);
	}

	static boolean isTimeout(Throwable failure) {
		return (failure instanceof ResponseStatusException status && status.getStatusCode().value() == 504)
				|| failure instanceof java.util.concurrent.TimeoutException;
	}

	// Reactor Netty's "Connection has been closed BEFORE send operation", or any failure
	// once the caller's own connection is closed: the caller, not the product, is gone.
	static boolean isCallerGone(ServerWebExchange exchange, Throwable failure) {
		try {
			Object nativeResponse = org.springframework.http.server.reactive.ServerHttpResponseDecorator
				.getNativeResponse(exchange.getResponse());
			if (nativeResponse instanceof reactor.netty.Connection connection && !connection.channel().isActive()) {
				return true;
			}
		}
		catch (IllegalStateException | IllegalArgumentException noNettyResponse) {
			// not served by Reactor Netty (a test's mock): the failure alone tells
		}
		return isCallerGone(failure);
	}

	static boolean isCallerGone(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof reactor.netty.channel.AbortedException) {
				return true;
			}
		}
		return false;
	}

	static boolean isUnreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An I/O failure after the answer began to go out: too late to retry or to answer
	 * otherwise. The failure is kept as suppressed, not as cause, since the retry filter
	 * matches causes too.
	 */
	static final class AnswerInterrupted extends RuntimeException {

		AnswerInterrupted(Throwable failure) {
			super("The answer was interrupted after it began: " + failure);
			addSuppressed(failure);
		}

	}

	/**
	 * A failing status from the product service, as the breaker records it.
	 */
	static final class UpstreamStatus extends RuntimeException {

		UpstreamStatus(int status) {
			super("status " + status, null, false, false);
		}

	}

	/**
	 * Resilience settings of a product.
	 *
	 * @param timeout the response timeout of its routes
	 * @param failureRatePercent the failure rate that opens the circuit
	 * @param slidingWindow the calls the rate is computed over
	 * @param minimumCalls the calls needed before the rate counts
	 * @param openFor how long the circuit stays open before trying again
	 */
	public record Config(Duration timeout, float failureRatePercent, int slidingWindow, int minimumCalls,
			Duration openFor) {

	}

}
