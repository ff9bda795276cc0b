package org.millgate.shipments.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.testing.TestTokens;
import org.millgate.testing.contracts.ContractResponses;
import org.millgate.testing.events.TestKafka;
import org.millgate.testing.product.ProductTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * The shipment events over HTTP (long polling), read from a real Kafka: each caller gets
 * the events of the shipments within its reach only (plants; a partner its own ship-to
 * parties), in order, resumable from the cursor of the previous answer, with an answer
 * that waits for the next event, and a clear refusal of a forged cursor.
 */
@ProductTest
class ShipmentEventsTests {

	private static final ContractResponses CONTRACT = ContractResponses.of("shipments");

	private static final String TOPIC = "millgate.shipments.events.v1";

	private static final String EVENTS = "/v1/shipments/events";

	private static final String WMS_1000 = TestTokens.get().token("wms-plant-1000", "shipments:read", List.of("1000"));

	private static final String ACME = partner("ACME");

	// this run's shipments, so that events of earlier runs on the same broker do not
	// count
	private static final String RUN = Long.toString(System.nanoTime() % 1_000_000);

	@Autowired
	WebTestClient client;

	@BeforeAll
	static void events() {
		TestKafka.shared().createTopic(TOPIC, 6);
		// 1: ACME's from plant 1000; 2: BETA's from plant 1000; 3: ACME's from plant 2000
		publish(shipment(1), "ready-for-shipment", "1000", "17100001");
		publish(shipment(2), "shipped", "1000", "17100002");
		publish(shipment(3), "ready-for-shipment", "2000", "17100001");
		publish(shipment(1), "shipped", "1000", "17100001");
	}

	@Test
	void a_plant_s_system_reads_its_plant_s_events_in_order_and_a_partner_its_own_shipments_only() {
		List<Map<String, Object>> plant = readAll(WMS_1000);
		// in order per shipment (its key), not across shipments
		assertThat(ids(plant)).containsSubsequence(id(1, "ready-for-shipment"), id(1, "shipped"))
			.contains(id(2, "shipped"))
			.doesNotContain(id(3, "ready-for-shipment"));

		// a partner token without plants: its ship-to parties alone, from any plant
		List<Map<String, Object>> partner = readAll(ACME);
		assertThat(ids(partner)).containsSubsequence(id(1, "ready-for-shipment"), id(1, "shipped"))
			.contains(id(3, "ready-for-shipment"))
			.doesNotContain(id(2, "shipped"));
	}

	@Test
	void a_client_reads_on_from_its_cursor_without_a_repeat_or_a_gap() {
		List<String> oneByOne = new ArrayList<>();
		String cursor = null;
		for (int page = 0; page < 1000; page++) {
			EntityExchangeResult<byte[]> answer = get(
					EVENTS + "?limit=1" + ((cursor != null) ? "&cursor=" + cursor : ""), WMS_1000);
			assertThat(answer.getStatus().value()).as(body(answer)).isEqualTo(200);
			List<String> ids = JsonPath.read(body(answer), "$.items[*].id");
			if (ids.isEmpty()) {
				break;
			}
			oneByOne.addAll(ids);
			cursor = JsonPath.read(body(answer), "$.nextCursor");
		}
		assertThat(oneByOne).doesNotHaveDuplicates().containsAll(ids(readAll(WMS_1000)));
	}

	@Test
	void an_answer_waits_for_the_next_event_and_a_client_starting_at_the_latest_sees_only_what_follows() {
		EntityExchangeResult<byte[]> latest = get(EVENTS + "?from=latest", WMS_1000);
		assertThat(latest.getStatus().value()).as(body(latest)).isEqualTo(200);
		assertThat((List<?>) JsonPath.read(body(latest), "$.items")).isEmpty();
		String cursor = JsonPath.read(body(latest), "$.nextCursor");
		String next = "shipment/" + shipment(4) + "/delivered";

		CompletableFuture<EntityExchangeResult<byte[]>> waiting = CompletableFuture
			.supplyAsync(() -> get(EVENTS + "?wait=10&cursor=" + cursor, WMS_1000));
		publish(shipment(4), "delivered", "1000", "17100001");

		EntityExchangeResult<byte[]> answer = waiting.join();
		assertThat(answer.getStatus().value()).as(body(answer)).isEqualTo(200);
		assertThat((List<String>) JsonPath.read(body(answer), "$.items[*].id")).containsExactly(next);
		assertThat((String) JsonPath.read(body(answer), "$.items[0].type"))
			.isEqualTo("dev.millgate.shipments.delivered");
		assertThat((String) JsonPath.read(body(answer), "$.items[0].data.shipmentId")).isEqualTo(shipment(4));
	}

	@Test
	void a_forged_cursor_and_a_wait_too_long_are_refused_clearly() {
		assertProblem(get(EVENTS + "?cursor=MDoxMh9zaWduYXR1cmUtb2YtMTYtYnl0ZXM", WMS_1000), 400, "cursor.invalid");
		assertProblem(get(EVENTS + "?wait=60", WMS_1000), 400, "request.invalid");
		assertProblem(get(EVENTS + "?from=yesterday", WMS_1000), 400, "request.invalid");
	}

	private List<Map<String, Object>> readAll(String token) {
		List<Map<String, Object>> events = new ArrayList<>();
		String cursor = null;
		for (int page = 0; page < 100; page++) {
			EntityExchangeResult<byte[]> answer = get(
					EVENTS + "?limit=200" + ((cursor != null) ? "&cursor=" + cursor : ""), token);
			assertThat(answer.getStatus().value()).as(body(answer)).isEqualTo(200);
			List<Map<String, Object>> items = JsonPath.read(body(answer), "$.items");
			if (items.isEmpty()) {
				break;
			}
			events.addAll(items);
			cursor = JsonPath.read(body(answer), "$.nextCursor");
		}
		return events;
	}

	private EntityExchangeResult<byte[]> get(String path, String token) {
		EntityExchangeResult<byte[]> result = this.client.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.get()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectBody()
			.returnResult();
		CONTRACT.assertKeepsContract(result);
		return result;
	}

	private static List<String> ids(List<Map<String, Object>> events) {
		return events.stream().map((event) -> (String) event.get("id")).toList();
	}

	private static String shipment(int n) {
		return "9" + RUN + n;
	}

	private static String id(int n, String kind) {
		return "shipment/" + shipment(n) + "/" + kind;
	}

	private static void publish(String shipment, String kind, String plant, String shipTo) {
		Map<String, String> headers = new HashMap<>();
		headers.put("ce_specversion", "1.0");
		headers.put("ce_id", "shipment/" + shipment + "/" + kind);
		headers.put("ce_source", "/millgate/erp-change-feed");
		headers.put("ce_type", "dev.millgate.shipments." + kind);
		headers.put("ce_subject", shipment);
		headers.put("ce_time", "2026-03-16T09:12:00Z");
		headers.put("ce_correlationid", UUID.randomUUID().toString());
		headers.put("content-type", "application/json");
		TestKafka.shared()
			.send(TOPIC, shipment, """
					{"shipmentId":"%s","plant":"%s","shippingPoint":"%s","shipTo":"%s","soldTo":"%s"}"""
				.formatted(shipment, plant, plant, shipTo, shipTo), headers);
	}

	private static String partner(String partner) {
		Map<String, Object> claims = new HashMap<>();
		claims.put("client_id", "partner-" + partner.toLowerCase());
		claims.put("sub", "partner-" + partner.toLowerCase());
		claims.put("scope", "shipments:read");
		claims.put("partner_id", partner);
		claims.put("plants", null);
		return TestTokens.get().tokenWith("shipments:read", claims);
	}

}
