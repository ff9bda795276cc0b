package org.millgate.erpsim.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.millgate.erpsim.web.SimulatorClient.ORDERS;
import static org.millgate.erpsim.web.SimulatorClient.STOCK;

/**
 * Faults per service through {@code /_sim/faults}, counted calls through
 * {@code /_sim/stats}, and the reset to the seed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=erp-simulator")
@AutoConfigureWebTestClient
class FaultInjectionTests {

	@Autowired
	WebTestClient webTestClient;

	SimulatorClient erp;

	@BeforeEach
	void setUp() {
		this.erp = new SimulatorClient(this.webTestClient);
		this.webTestClient.post().uri("/_sim/reset").exchange().expectStatus().isNoContent();
	}

	@Test
	void should_answer_503_for_every_call_during_an_outage_of_one_service_only() {
		fault("production-orders", "{\"outage\":true}");

		this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=1").expectStatus().isEqualTo(503);
		this.erp.get(STOCK + "/A_MatlStkInAcctMod?$top=1").expectStatus().isOk();

		this.webTestClient.delete().uri("/_sim/faults/production-orders").exchange().expectStatus().isNoContent();
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=1").expectStatus().isOk();
	}

	@Test
	void should_fail_calls_at_the_configured_error_rate() {
		fault("production-orders", "{\"errorRate\":1.0,\"errorStatus\":500}");

		this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=1")
			.expectStatus()
			.isEqualTo(500)
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("/IWFND/CM_BEC/500");
	}

	@Test
	void should_add_latency_without_holding_other_services() {
		fault("production-orders", "{\"latencyMs\":400}");

		Instant start = Instant.now();
		this.erp.get(STOCK + "/A_MatlStkInAcctMod?$top=1").expectStatus().isOk();
		Duration unaffected = Duration.between(start, Instant.now());
		start = Instant.now();
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=1").expectStatus().isOk();
		Duration delayed = Duration.between(start, Instant.now());

		assertThat(delayed).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(unaffected).isLessThan(Duration.ofMillis(400));
	}

	@Test
	void should_hold_back_bodies_when_slow() {
		fault("production-orders", "{\"slowBodyMs\":300}");

		Instant start = Instant.now();
		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000001')")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.ManufacturingOrder")
			.isEqualTo("1000001");

		assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void should_cut_off_bodies_when_malformed() {
		fault("production-orders", "{\"malformed\":true}");

		String body = this.erp.get(ORDERS + "/A_ProductionOrder_2('1000001')")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(body).startsWith("{\"d\":");
		assertThatThrownBy(() -> new ObjectMapper().readTree(body)).isInstanceOf(JacksonException.class);
	}

	@Test
	void should_count_the_calls_each_service_received() {
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=1").expectStatus().isOk();
		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000001')").expectStatus().isOk();
		this.erp.session();

		this.webTestClient.get()
			.uri("/_sim/stats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$['production-orders'].total")
			.isEqualTo(3)
			.jsonPath("$['production-orders'].GET")
			.isEqualTo(3)
			.jsonPath("$['production-orders'].csrfFetch")
			.isEqualTo(1)
			.jsonPath("$['material-stock']")
			.doesNotExist();
	}

	@Test
	void should_count_the_most_calls_a_service_had_in_flight_at_once() throws Exception {
		fault("production-orders", "{\"latencyMs\":400}");
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				calls.add(callers
					.submit(() -> this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=1").expectStatus().isOk()));
			}
			for (Future<?> call : calls) {
				call.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=1").expectStatus().isOk();

		Long peak = this.webTestClient.get()
			.uri("/_sim/stats")
			.exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, Map<String, Long>>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("production-orders")
			.get("peakConcurrent");
		// four callers with 400 ms answers overlap; a later call alone raises no peak
		assertThat(peak).isBetween(2L, 4L);
	}

	@Test
	void should_reset_data_faults_and_statistics() {
		this.erp.post(ORDERS + "/ReleaseOrder?ManufacturingOrder='1000002'", "").expectStatus().isOk();
		fault("deliveries", "{\"outage\":true}");

		this.webTestClient.post().uri("/_sim/reset").exchange().expectStatus().isNoContent();

		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000002')")
			.expectBody()
			.jsonPath("$.d.OrderIsReleased")
			.isEqualTo("");
		this.webTestClient.get().uri("/_sim/faults").exchange().expectBody().json("{}");
	}

	@Test
	void should_reject_faults_for_unknown_services_or_out_of_range() {
		this.webTestClient.put()
			.uri("/_sim/faults/payroll")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"outage\":true}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.value((message) -> assertThat((String) message).contains("unknown service 'payroll'"));
		this.webTestClient.put()
			.uri("/_sim/faults/production-orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"errorRate\":2}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("errorRate must be 0..1");
	}

	private void fault(String service, String settings) {
		this.webTestClient.put()
			.uri("/_sim/faults/" + service)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(settings)
			.exchange()
			.expectStatus()
			.isOk();
	}

}
