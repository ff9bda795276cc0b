package org.millgate.policies.resilience;

import java.io.IOException;
import java.time.Duration;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.http.HttpMethod;

import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RouteConfigs;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#RETRY}: GET requests that failed before
 * any response arrived (connection refused or reset) are retried with a growing backoff.
 * Writes and timeouts are never retried, nor is a failure once the answer has begun to go
 * out (the caller hanging up mid-answer, say): Spring Cloud Gateway's retry would reset
 * the committed answer's read-only headers and fail with
 * {@code UnsupportedOperationException}, which the circuit breaker took for a product
 * failure ({@code ./millgate bench} found it, when wrk closes its connections at the end
 * of a run). Configuration: {@link Config}. No failure code: the last failure goes on to
 * the circuit breaker.
 */
public final class RetryPolicy extends AbstractRoutePolicy<RetryPolicy.Config> {

	public static final String ID = "retry";

	public RetryPolicy(RouteConfigs<Config> configs) {
		super(ID, PolicyOrder.RETRY, configs);
	}

	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		RetryGatewayFilterFactory.RetryConfig retry = new RetryGatewayFilterFactory.RetryConfig()
			.setRetries(config.retries())
			.setMethods(HttpMethod.GET)
			.setSeries()
			.setStatuses()
			.setExceptions(IOException.class)
			.setBackoff(config.firstBackoff(), config.maxBackoff(), 2, false);
		GatewayFilter retrying = new RetryGatewayFilterFactory().apply(retry);
		return (exchange, chain) -> retrying.filter(exchange, (attempt) -> chain.filter(attempt)
			// whatever its type: Reactor Netty wraps the socket's I/O failure, and the
			// retry filter matches causes
			.onErrorMap((failure) -> attempt.getResponse().isCommitted(), AnswerInterrupted::new));
	}

	/**
	 * A failure after the answer began to go out: too late to retry or to answer
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
	 * Configuration of {@value #ID}.
	 *
	 * @param retries how often a failed GET is tried again
	 * @param firstBackoff the wait before the first retry; each next one waits twice as
	 * long
	 * @param maxBackoff the longest wait
	 */
	public record Config(int retries, Duration firstBackoff, Duration maxBackoff) {

		/** Twice, 50 to 200 ms apart: a service restarting or a connection reset. */
		public static final Config DEFAULTS = new Config(2, Duration.ofMillis(50), Duration.ofMillis(200));

	}

}
