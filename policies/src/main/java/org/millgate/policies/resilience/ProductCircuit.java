package org.millgate.policies.resilience;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.validation.RequestViolation;
import org.millgate.web.Problems;

/**
 * The circuit breaker of one product service, and how a call's end is counted in it.
 */
final class ProductCircuit {

	private static final Logger logger = LoggerFactory.getLogger(CircuitBreakerPolicy.class);

	private static final Set<Integer> FAILING_STATUSES = Set.of(500, 502, 504);

	private final String product;

	private final CircuitBreakerPolicy.Config config;

	private final Problems problems;

	private final CircuitBreaker breaker;

	ProductCircuit(String product, CircuitBreakerPolicy.Config config, Problems problems) {
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

	CircuitBreaker breaker() {
		return this.breaker;
	}

	Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
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
				// the caller hung up before the answer could be sent: nothing the
				// product did
				this.breaker.releasePermission();
				return Mono.error(failure);
			}
			this.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
			if (exchange.getResponse().isCommitted()) {
				// the answer is half out: abort it rather than end it as if complete
				return Mono.error(failure);
			}
			if (isTimeout(failure)) {
				return this.problems.write(exchange, CircuitBreakerPolicy.SERVICE_TIMEOUT, "The " + this.product
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
		return this.problems.write(exchange, CircuitBreakerPolicy.SERVICE_UNAVAILABLE,
				"The " + this.product + " service " + why + "; retry after " + seconds + " s.",
				List.<RequestViolation>of(), headers);
	}

	static boolean isTimeout(Throwable failure) {
		return (failure instanceof ResponseStatusException status && status.getStatusCode().value() == 504)
				|| failure instanceof TimeoutException;
	}

	// Reactor Netty's "Connection has been closed BEFORE send operation", or any failure
	// once the caller's own connection is closed: the caller, not the product, is gone.
	static boolean isCallerGone(ServerWebExchange exchange, Throwable failure) {
		try {
			Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
			if (nativeResponse instanceof Connection connection && !connection.channel().isActive()) {
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
			if (cause instanceof AbortedException) {
				return true;
			}
			if (cause instanceof RetryPolicy.AnswerInterrupted interrupted) {
				// the interrupting failure is kept as suppressed (see there)
				for (Throwable kept : interrupted.getSuppressed()) {
					if (isCallerGone(kept)) {
						return true;
					}
				}
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
	 * A failing status from the product service, as the breaker records it.
	 */
	static final class UpstreamStatus extends RuntimeException {

		UpstreamStatus(int status) {
			super("status " + status, null, false, false);
		}

	}

}
