package org.millgate.policies.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import org.millgate.policies.core.RouteConfigs;
import org.millgate.policies.core.TestRoutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RetryPolicyTests {

	private final GatewayFilter retries = new RetryPolicy(RouteConfigs.same(RetryPolicy.Config.DEFAULTS))
		.apply(TestRoutes.shipments());

	@Test
	void aFailureOnceTheAnswerHasBegunIsNeverRetried() {
		assertFailsOnceAfterTheAnswerBegan(new IOException("writevAddresses(..) failed: Connection reset by peer"));
	}

	@Test
	void should_never_retry_a_wrapped_io_failure_once_the_answer_has_begun() {
		// the caller hung up as the answer went out: Reactor Netty wraps the socket's
		// failure, and the retry filter matches the cause (found by ./millgate bench at
		// the
		// end of wrk's runs: the retry reset the sent headers and failed)
		assertFailsOnceAfterTheAnswerBegan(new AbortedException(new IOException("Connection reset by peer")));
	}

	// the answer goes out, then the failure: one attempt, and the failure told as such
	private void assertFailsOnceAfterTheAnswerBegan(Throwable failing) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/v1/shipments/80000001"));
		// what the routing filter records, and a retry would remove from the answer
		exchange.getAttributes().put(ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES, Set.of("Content-Type"));
		AtomicInteger attempts = new AtomicInteger();

		Throwable failure = catchThrowable(() -> this.retries.filter(exchange, (attempt) -> {
			attempts.incrementAndGet();
			attempt.getResponse().getHeaders().set("Content-Type", "application/json");
			return attempt.getResponse().setComplete().then(Mono.error(failing));
		}).block());

		assertThat(attempts).hasValue(1);
		assertThat(failure).isInstanceOf(RetryPolicy.AnswerInterrupted.class)
			.hasMessageContaining("Connection reset by peer");
	}

	@Test
	void aGetThatFailedBeforeAnyAnswerIsRetried() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/v1/shipments/80000001"));
		AtomicInteger attempts = new AtomicInteger();

		// the downstream filters do their work on each subscription, as routing does
		this.retries.filter(exchange,
				(attempt) -> Mono.defer(() -> (attempts.incrementAndGet() < 3)
						? Mono.error(new ConnectException("Connection refused")) : attempt.getResponse().setComplete()))
			.block();

		assertThat(attempts).hasValue(3);
	}

	@Test
	void should_never_retry_a_write() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/v1/shipments/80000001"));
		AtomicInteger attempts = new AtomicInteger();

		Throwable failure = catchThrowable(() -> this.retries.filter(exchange, (attempt) -> Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new ConnectException("Connection refused"));
		})).block());

		assertThat(attempts).hasValue(1);
		assertThat(failure).hasRootCauseInstanceOf(ConnectException.class);
	}

}
