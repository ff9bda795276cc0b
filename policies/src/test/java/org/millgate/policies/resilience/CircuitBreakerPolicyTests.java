package org.millgate.policies.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.policies.core.TestRoutes;
import org.millgate.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerPolicyTests {

	@Test
	void timeoutsAreToldApart() {
		assertThat(ProductCircuit.isTimeout(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT))).isTrue();
		assertThat(ProductCircuit.isTimeout(new TimeoutException())).isTrue();
		assertThat(ProductCircuit.isTimeout(new ResponseStatusException(HttpStatus.BAD_REQUEST))).isFalse();
	}

	@Test
	void aCallerThatHangsUpIsNoFailureOfTheProduct() {
		CircuitBreakerPolicy policy = new CircuitBreakerPolicy(
				RouteConfigs
					.same(new CircuitBreakerPolicy.Config(Duration.ofSeconds(1), 50, 4, 4, Duration.ofSeconds(30))),
				new Problems(ProblemTypes.load()));
		GatewayFilter filter = policy.apply(TestRoutes.shipments());
		for (int i = 0; i < 10; i++) {
			MockServerWebExchange exchange = MockServerWebExchange
				.from(MockServerHttpRequest.get("/v1/shipments/80000001"));
			filter
				.filter(exchange,
						(ignored) -> Mono
							.error(new AbortedException("Connection has been closed BEFORE send operation")))
				.onErrorResume((failure) -> Mono.empty())
				.block();
		}

		assertThat(policy.breakers()).singleElement().satisfies((breaker) -> {
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
		});
	}

	@Test
	void should_tell_a_caller_gone_mid_answer_from_a_product_failing_mid_answer() {
		assertThat(ProductCircuit.isCallerGone(
				new RetryPolicy.AnswerInterrupted(new AbortedException(new IOException("Connection reset by peer")))))
			.as("the caller hung up")
			.isTrue();
		assertThat(ProductCircuit.isCallerGone(
				new RetryPolicy.AnswerInterrupted(new IOException("the product's connection was reset mid-body"))))
			.as("the product failed")
			.isFalse();
	}

	@Test
	void should_share_one_breaker_among_the_versions_of_a_product() {
		CircuitBreakerPolicy policy = new CircuitBreakerPolicy(
				RouteConfigs
					.same(new CircuitBreakerPolicy.Config(Duration.ofSeconds(1), 50, 4, 4, Duration.ofSeconds(30))),
				new Problems(ProblemTypes.load()));

		policy.apply(TestRoutes.route("production-orders", "v1"));
		policy.apply(TestRoutes.route("production-orders", "v2"));
		policy.apply(TestRoutes.shipments());

		assertThat(policy.breakers()).extracting(CircuitBreaker::getName)
			.containsExactlyInAnyOrder("production-orders", "shipments");
	}

	@Test
	void unreachableServicesAreToldApart() {
		assertThat(ProductCircuit.isUnreachable(new RuntimeException(new ConnectException("refused")))).isTrue();
		assertThat(ProductCircuit.isUnreachable(new IllegalStateException("bug"))).isFalse();
	}

}
