package org.millgate.erp.sap;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.millgate.erp.model.ConfirmationRequest;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.port.CallContext;
import org.millgate.erp.port.ErpFailure;
import org.millgate.testing.erp.ErpSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The facade under ERP faults injected into the simulator, counted by the simulator's own
 * statistics.
 */
class SapFacadeFaultsTests {

	private static final String RELEASE = "2022";

	private final ErpSimulator erp = ErpSimulator.of(RELEASE);

	@BeforeEach
	void reset() {
		this.erp.reset();
	}

	@AfterEach
	void clearFaults() {
		this.erp.clearFaults();
	}

	@Test
	void should_time_out_a_slow_read_and_retry_it_before_giving_up() {
		SapErpFacade facade = Simulators.facade(RELEASE, "timeouts.read", "300ms", "retry.max-attempts", "2",
				"retry.initial-backoff", "10ms");
		this.erp.fault("production-orders", "{\"latencyMs\":1500}");

		assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block())
			.isInstanceOf(ErpFailure.Timeout.class);
		assertThat(this.erp.calls("production-orders", "GET")).isEqualTo(2);
	}

	@Test
	void should_open_the_circuit_on_failures_and_close_it_when_the_erp_recovers() {
		SapErpFacade facade = Simulators.facade(RELEASE, "retry.max-attempts", "1", "circuit-breaker.sliding-window",
				"4", "circuit-breaker.minimum-calls", "4", "circuit-breaker.open-for", "500ms",
				"circuit-breaker.half-open-calls", "1");
		this.erp.fault("production-orders", "{\"errorRate\":1.0,\"errorStatus\":503}");
		for (int i = 0; i < 4; i++) {
			assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block())
				.isInstanceOf(ErpFailure.Unavailable.class);
		}
		long callsWhenOpened = this.erp.calls("production-orders", "total");

		assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block())
			.isInstanceOf(ErpFailure.Unavailable.class)
			.hasMessageContaining("circuit breaker");
		assertThat(this.erp.calls("production-orders", "total")).isEqualTo(callsWhenOpened);

		this.erp.clearFaults();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> facade.productionOrders().order("1000001", false).block() != null);
		assertThat(facade.calls().circuitBreaker().getState().name()).isEqualTo("CLOSED");
	}

	@Test
	void should_never_retry_a_write() {
		SapErpFacade facade = Simulators.facade(RELEASE, "retry.max-attempts", "3");
		facade.confirmations().post(confirmation()).block();
		this.erp.fault("confirmations", "{\"errorRate\":1.0,\"errorStatus\":503}");

		assertThatThrownBy(() -> facade.confirmations().post(confirmation()).block())
			.isInstanceOf(ErpFailure.Unavailable.class);
		assertThat(this.erp.calls("confirmations", "POST")).isEqualTo(2);
	}

	@Test
	void should_fetch_a_csrf_token_again_exactly_once_when_it_expired() {
		SapErpFacade facade = Simulators.facade(RELEASE);
		facade.confirmations().post(confirmation()).block();
		this.erp.expireCsrfTokens();

		facade.confirmations().post(confirmation()).block();

		assertThat(this.erp.calls("confirmations", "csrfFetch")).isEqualTo(2);
		assertThat(this.erp.calls("confirmations", "POST")).isEqualTo(3);
	}

	@Test
	void should_report_a_malformed_answer_as_a_typed_failure() {
		SapErpFacade facade = Simulators.facade(RELEASE);
		this.erp.fault("production-orders", "{\"malformed\":true}");

		assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block())
			.isInstanceOf(ErpFailure.Malformed.class);
	}

	@Test
	void should_share_one_erp_call_among_100_identical_concurrent_stock_reads() {
		SapErpFacade facade = Simulators.facade(RELEASE, "cache.stock", "5s");
		this.erp.fault("material-stock", "{\"latencyMs\":200}");

		List<Integer> sizes = Flux.range(0, 100)
			.flatMap((i) -> facade.stockLevels().stock("1000", List.of("FG-100", "RM-200")), 100)
			.map((snapshot) -> snapshot.items().size())
			.collectList()
			.block();

		assertThat(sizes).hasSize(100).allMatch((size) -> size > 0);
		assertThat(this.erp.calls("material-stock", "total")).isEqualTo(1);
	}

	@Test
	void should_cap_concurrent_erp_calls_and_queue_the_rest() {
		SapErpFacade facade = Simulators.facade(RELEASE, "bulkhead.max-concurrent-calls", "2");
		this.erp.fault("production-orders", "{\"latencyMs\":150}");

		List<String> ids = Flux.range(1, 8)
			.flatMap((i) -> facade.productionOrders().order("100000" + (1 + i % 3), false), 8)
			.map((order) -> order.id())
			.collectList()
			.block();

		assertThat(ids).hasSize(8);
		assertThat(facade.calls().bulkhead().peak()).isEqualTo(2);
		// a call keeps its slot until the ERP has answered, which may be a moment after
		// its
		// caller got the answer
		await().atMost(Duration.ofSeconds(2)).until(() -> facade.calls().bulkhead().running() == 0);
	}

	@Test
	void should_refuse_calls_beyond_the_queue_as_unavailable() {
		SapErpFacade facade = Simulators.facade(RELEASE, "bulkhead.max-concurrent-calls", "1", "bulkhead.max-queued",
				"0", "retry.max-attempts", "1");
		this.erp.fault("production-orders", "{\"latencyMs\":400}");

		List<Object> outcomes = Flux.range(0, 2)
			.flatMap((i) -> facade.productionOrders()
				.order("1000001", false)
				.<Object>map((order) -> order.id())
				.onErrorResume(ErpFailure.Unavailable.class, Mono::just), 2)
			.collectList()
			.block();

		assertThat(outcomes).hasSize(2).hasAtLeastOneElementOfType(ErpFailure.Unavailable.class).contains("1000001");
	}

	@Test
	void should_keep_client_input_a_literal_in_filters() {
		SapErpFacade facade = Simulators.facade(RELEASE);

		assertThat(facade.stockLevels().stock("1000", List.of("FG-100' or Material ne '")).block().items()).isEmpty();
		assertThat(facade.stockLevels().stock("1000' or Plant ne '", List.of("FG-100")).block().items()).isEmpty();
		assertThatThrownBy(() -> facade.productionOrders().order("1000001') or ('1", false).block())
			.isInstanceOf(ErpFailure.NotFound.class);
	}

	@Test
	void should_pass_the_correlation_id_to_the_erp() {
		SapErpFacade facade = Simulators.facade(RELEASE);

		var order = facade.productionOrders()
			.order("1000001", false)
			.contextWrite(CallContext.of("corr-12345678", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
			.block();

		assertThat(order.id()).isEqualTo("1000001");
		assertThat(this.erp.lastRequest("production-orders")).containsEntry("correlationId", "corr-12345678")
			.containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

	private static ConfirmationRequest confirmation() {
		return new ConfirmationRequest("1000001", "0010", Quantity.of("1", "H87"), Quantity.of("0", "H87"), false, null,
				null, null, null, null, UUID.randomUUID());
	}

}
