package org.millgate.erp.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.millgate.erp.port.ErpFailure;

/**
 * Wraps every ERP call: reads get a timeout per attempt, retries with backoff and jitter
 * when the ERP is unavailable or slow, the circuit breaker and the bulkhead; writes get
 * the same minus the retries, since a write that timed out may have been booked. Each
 * call is timed by operation and outcome.
 */
public final class ErpCalls {

	private final CircuitBreaker circuitBreaker;

	private final ConcurrencyLimiter bulkhead;

	private final Settings settings;

	private final MeterRegistry meters;

	public ErpCalls(CircuitBreaker circuitBreaker, ConcurrencyLimiter bulkhead, Settings settings,
			MeterRegistry meters) {
		this.circuitBreaker = circuitBreaker;
		this.bulkhead = bulkhead;
		this.settings = settings;
		this.meters = meters;
	}

	/**
	 * A read: safe to repeat.
	 * @param <T> the result
	 * @param operation its name in metrics, e.g. {@code stock.read}
	 * @param call the call
	 * @return the protected call
	 */
	public <T> Mono<T> read(String operation, Supplier<Mono<T>> call) {
		Mono<T> attempt = protect(call, this.settings.readTimeout());
		Mono<T> retried = (this.settings.maxAttempts() <= 1) ? attempt
				: attempt.retryWhen(Retry.backoff(this.settings.maxAttempts() - 1L, this.settings.initialBackoff())
					.maxBackoff(this.settings.maxBackoff())
					.jitter(this.settings.jitter())
					.filter(ErpCalls::worthRetrying)
					.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
		return timed(operation, retried);
	}

	/**
	 * A write: never repeated here.
	 * @param <T> the result
	 * @param operation its name in metrics, e.g. {@code confirmation.post}
	 * @param call the call
	 * @return the protected call
	 */
	public <T> Mono<T> write(String operation, Supplier<Mono<T>> call) {
		return timed(operation, protect(call, this.settings.writeTimeout()));
	}

	private <T> Mono<T> protect(Supplier<Mono<T>> call, Duration timeout) {
		// The bulkhead is outside the breaker: local overload says nothing about the
		// ERP's health and must not open the circuit. A call the caller stopped waiting
		// for keeps its slot until the ERP answers (at most four timeouts): the ERP is
		// still working on it.
		return this.bulkhead
			.runToEnd(call,
					(running) -> running.timeout(timeout)
						.transformDeferred(CircuitBreakerOperator.of(this.circuitBreaker)),
					timeout.multipliedBy(4))
			.onErrorMap(this::typed);
	}

	private Throwable typed(Throwable error) {
		if (error instanceof ErpFailure) {
			return error;
		}
		if (error instanceof TimeoutException) {
			return new ErpFailure.Timeout("the ERP did not answer in time", error);
		}
		if (error instanceof CallNotPermittedException) {
			return new ErpFailure.Unavailable("the circuit breaker toward the ERP is open",
					this.settings.circuitOpenFor(), error);
		}
		if (error instanceof ConcurrencyLimiter.LimitExceeded) {
			return new ErpFailure.Unavailable(error.getMessage(), Duration.ofSeconds(1), error);
		}
		return new ErpFailure.Unavailable("ERP call failed: " + error, Duration.ofSeconds(5), error);
	}

	// Only what may pass: an open circuit or a full bulkhead will not get better in
	// milliseconds, and retrying them only adds load.
	private static boolean worthRetrying(Throwable error) {
		return (error instanceof ErpFailure.Timeout) || (error instanceof ErpFailure.Unavailable unavailable
				&& unavailable.isTransient() && !(error.getCause() instanceof CallNotPermittedException)
				&& !(error.getCause() instanceof ConcurrencyLimiter.LimitExceeded));
	}

	private <T> Mono<T> timed(String operation, Mono<T> call) {
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(this.meters);
			return call.doOnSuccess((value) -> stop(sample, operation, "success"))
				.doOnError((error) -> stop(sample, operation, error.getClass().getSimpleName()))
				.doOnCancel(() -> stop(sample, operation, "cancelled"));
		});
	}

	private void stop(Timer.Sample sample, String operation, String outcome) {
		sample.stop(Timer.builder("millgate.erp.calls")
			.description("ERP calls by operation and outcome")
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(this.meters));
	}

	/**
	 * The bulkhead, for metrics and tests.
	 * @return the limiter
	 */
	public ConcurrencyLimiter bulkhead() {
		return this.bulkhead;
	}

	/**
	 * The circuit breaker, for metrics and tests.
	 * @return the circuit breaker
	 */
	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Limits and retry settings.
	 *
	 * @param readTimeout per read attempt
	 * @param writeTimeout per write
	 * @param maxAttempts read attempts in all
	 * @param initialBackoff first wait between attempts
	 * @param maxBackoff longest wait
	 * @param jitter random share of a wait
	 * @param circuitOpenFor how long the circuit stays open, for Retry-After hints
	 */
	public record Settings(Duration readTimeout, Duration writeTimeout, int maxAttempts, Duration initialBackoff,
			Duration maxBackoff, double jitter, Duration circuitOpenFor) {

	}

}
