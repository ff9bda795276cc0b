package org.millgate.policies.resilience;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class ResiliencePolicyTests {

	@Test
	void timeoutsAreToldApart() {
		assertThat(ResiliencePolicy.isTimeout(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT))).isTrue();
		assertThat(ResiliencePolicy.isTimeout(new TimeoutException())).isTrue();
		assertThat(ResiliencePolicy.isTimeout(new ResponseStatusException(HttpStatus.BAD_REQUEST))).isFalse();
	}

	@Test
	void aCallerThatHangsUpIsNoFailureOfTheProduct() {
		ResiliencePolicy policy = new ResiliencePolicy("shipments",
				new ResiliencePolicy.Config(java.time.Duration.ofSeconds(1), 50, 4, 4,
						java.time.Duration.ofSeconds(30)),
				new org.millgate.policies.core.Problems(org.millgate.contracts.problems.ProblemTypes.load()));
		for (int i = 0; i < 10; i++) {
			org.springframework.mock.web.server.MockServerWebExchange exchange = org.springframework.mock.web.server.MockServerWebExchange
				.from(org.springframework.mock.http.server.reactive.MockServerHttpRequest
					.get("/v1/shipments/80000001"));
			policy
				.apply(exchange,
						(ignored) -> reactor.core.publisher.Mono.error(new reactor.netty.channel.AbortedException(
								"Connection has been closed BEFORE send operation")))
				.onErrorResume((failure) -> reactor.core.publisher.Mono.empty())
				.block();
		}

		assertThat(policy.breaker().getState())
			.isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
		assertThat(policy.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aFailureOnceTheAnswerHasBegunIsNeverRetried() {
		org.springframework.mock.web.server.MockServerWebExchange exchange = org.springframework.mock.web.server.MockServerWebExchange
			.from(org.springframework.mock.http.server.reactive.MockServerHttpRequest.get("/v1/shipments/80000001"));
		// what the routing filter records, and a retry would remove from the answer
		exchange.getAttributes()
			.put(org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES,
					java.util.Set.of("Content-Type"));
		java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

		Throwable failure = org.assertj.core.api.Assertions
			.catchThrowable(() -> ResiliencePolicy.retries().filter(exchange, (attempt) -> {
				attempts.incrementAndGet();
				attempt.getResponse().getHeaders().set("Content-Type", "application/json");
				return attempt.getResponse()
					.setComplete()
					.then(reactor.core.publisher.Mono
						.error(new java.io.IOException("writevAddresses(..) failed: Connection reset by peer")));
			}).block());

		assertThat(attempts).hasValue(1);
		assertThat(failure).isInstanceOf(ResiliencePolicy.AnswerInterrupted.class)
			.hasMessageContaining("Connection reset by peer");
	}

	@Test
	void aGetThatFailedBeforeAnyAnswerIsRetried() {
		org.springframework.mock.web.server.MockServerWebExchange exchange = org.springframework.mock.web.server.MockServerWebExchange
			.from(org.springframework.mock.http.server.reactive.MockServerHttpRequest.get("/v1/shipments/80000001"));
		java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

		// the downstream filters do their work on each subscription, as routing does
		ResiliencePolicy.retries()
			.filter(exchange,
					(attempt) -> reactor.core.publisher.Mono.defer(() -> (attempts.incrementAndGet() < 3)
							? reactor.core.publisher.Mono.error(new java.net.ConnectException("Connection refused"))
							: attempt.getResponse().setComplete()))
			.block();

		assertThat(attempts).hasValue(3);
	}

	@Test
	void unreachableServicesAreToldApart() {
		assertThat(ResiliencePolicy.isUnreachable(new RuntimeException(new ConnectException("refused")))).isTrue();
		assertThat(ResiliencePolicy.isUnreachable(new IllegalStateException("bug"))).isFalse();
	}

}
