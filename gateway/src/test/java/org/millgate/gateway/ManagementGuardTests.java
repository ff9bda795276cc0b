package org.millgate.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementGuardTests {

	private final ManagementGuard guard = new ManagementGuard(new ManagementGuard.Config(""),
			new Problems(ProblemTypes.load()));

	@Test
	void onlyManagementClientsReadMetrics() {
		assertThat(this.guard.isManagementClient(new InetSocketAddress("127.0.0.1", 1))).isTrue();
		assertThat(this.guard.isManagementClient(new InetSocketAddress("10.1.2.3", 1))).isFalse();
		ManagementGuard monitoring = new ManagementGuard(new ManagementGuard.Config("10\\.9\\.\\d+\\.\\d+"),
				new Problems(ProblemTypes.load()));
		assertThat(monitoring.isManagementClient(new InetSocketAddress("10.9.0.7", 1))).isTrue();
		assertThat(monitoring.isManagementClient(new InetSocketAddress("127.0.0.1", 1))).isFalse();
	}

	// Finding 1 of the source review: "/%61ctuator/prometheus" answered the metrics to
	// any host, since the guard read the raw path and the actuator the decoded one.
	@ParameterizedTest
	@ValueSource(strings = { "/actuator/prometheus", "/%61ctuator/prometheus", "/actuator/%70rometheus",
			"/%61%63%74%75%61%74%6f%72/usage", "/actuator;x=1/usage", "//actuator/usage", "/actuator/health/../usage",
			"/v1/%2e%2e/actuator/usage", "/actuator%2Fusage" })
	void keepsEverySpellingOfTheActuatorFromOtherHosts(String path) {
		AtomicBoolean passed = new AtomicBoolean();
		MockServerWebExchange exchange = fromAnotherHost(path);

		this.guard.filter(exchange, (through) -> {
			passed.set(true);
			return Mono.empty();
		}).block();

		assertThat(passed).as(path).isFalse();
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/readiness", "/v1/production-orders/1000001",
			"/v1/inventory/availability" })
	void letsHealthAndTheApisThroughFromAnyHost(String path) {
		AtomicBoolean passed = new AtomicBoolean();

		this.guard.filter(fromAnotherHost(path), (through) -> {
			passed.set(true);
			return Mono.empty();
		}).block();

		assertThat(passed).as(path).isTrue();
	}

	private static MockServerWebExchange fromAnotherHost(String path) {
		return MockServerWebExchange
			.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create("http://gateway" + path))
				.remoteAddress(new InetSocketAddress("10.1.2.3", 40000)));
	}

}
