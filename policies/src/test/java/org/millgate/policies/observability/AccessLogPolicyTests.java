package org.millgate.policies.observability;

import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import org.millgate.contracts.access.Caller;
import org.millgate.policies.core.ApiCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The timer of the access-log policy: one series per client up to the bound, the rest
 * under one tag, every call counted.
 */
class AccessLogPolicyTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void should_give_each_client_its_own_series_up_to_the_bound_and_count_the_rest_together() {
		AccessLogPolicy policy = new AccessLogPolicy(this.meters, null, 3);

		for (String client : new String[] { "mes-1", "mes-2", "wms-1", "mes-1", "p-4", "p-5", "wms-1", "p-6" }) {
			call(policy, client);
		}

		assertThat(clientTags()).containsExactlyInAnyOrder("mes-1", "mes-2", "wms-1", AccessLogPolicy.OTHER_CLIENTS);
		assertThat(count("mes-1")).isEqualTo(2);
		assertThat(count("wms-1")).isEqualTo(2);
		assertThat(count(AccessLogPolicy.OTHER_CLIENTS)).isEqualTo(3);
	}

	@Test
	void should_keep_the_series_bounded_however_many_clients_call() {
		AccessLogPolicy policy = new AccessLogPolicy(this.meters, null, AccessLogPolicy.CLIENT_SERIES);
		Logger lines = (Logger) LoggerFactory.getLogger("millgate.access");
		Level level = lines.getLevel();
		lines.setLevel(Level.WARN);
		try {
			for (int i = 0; i < 5 * AccessLogPolicy.CLIENT_SERIES; i++) {
				call(policy, "client-" + i);
			}
		}
		finally {
			lines.setLevel(level);
		}

		assertThat(clientTags()).hasSize(AccessLogPolicy.CLIENT_SERIES + 1);
		assertThat(this.meters.find("millgate.gateway.requests").timers().stream().mapToLong(Timer::count).sum())
			.isEqualTo(5L * AccessLogPolicy.CLIENT_SERIES);
	}

	@Test
	void should_refuse_a_bound_below_one() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessLogPolicy(this.meters, null, 0))
			.withMessageContaining("1 or more, not 0");
	}

	private void call(AccessLogPolicy policy, String client) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/shipments/1"));
		policy.filter(exchange, (passed) -> {
			ApiCall.of(passed)
				.caller(new Caller("http://issuer.test", client, "plant-standard", null, Set.of("1000"), true,
						Set.of("shipments:read")));
			return Mono.empty();
		}).block();
	}

	private Set<String> clientTags() {
		return this.meters.find("millgate.gateway.requests")
			.meters()
			.stream()
			.map(Meter::getId)
			.map((id) -> id.getTag("client"))
			.collect(Collectors.toSet());
	}

	private long count(String client) {
		return this.meters.find("millgate.gateway.requests")
			.tag("client", client)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

}
