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
	void unreachableServicesAreToldApart() {
		assertThat(ResiliencePolicy.isUnreachable(new RuntimeException(new ConnectException("refused")))).isTrue();
		assertThat(ResiliencePolicy.isUnreachable(new IllegalStateException("bug"))).isFalse();
	}

}
