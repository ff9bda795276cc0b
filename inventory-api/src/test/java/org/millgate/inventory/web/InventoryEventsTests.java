package org.millgate.inventory.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * The inventory events over HTTP (long polling), read from a real Kafka: a caller gets
 * the events of its plants only, each valid by the contract, and reads on from its
 * cursor.
 */
@ProductTest
class InventoryEventsTests {

	private static final ContractResponses CONTRACT = ContractResponses.of("inventory");

	private static final String TOPIC = "millgate.inventory.events.v1";

	private static final String EVENTS = "/v1/inventory/events";

	private static final String PLANT_1000 = TestTokens.get()
		.token("wms-plant-1000", "inventory:read", List.of("1000"));

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	WebTestClient client;

	@BeforeAll
	static void events() {
		TestKafka.shared().createTopic(TOPIC, 6);
		publish("1000");
		publish("2000");
	}

	@Test
	void a_plant_s_system_reads_the_events_of_its_plants_only_and_reads_on_from_its_cursor() {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		for (int page = 0; page < 100; page++) {
			EntityExchangeResult<byte[]> answer = get(
					EVENTS + "?limit=200" + ((cursor != null) ? "&cursor=" + cursor : ""), PLANT_1000);
			assertThat(answer.getStatus().value()).as(body(answer)).isEqualTo(200);
			List<String> items = JsonPath.read(body(answer), "$.items[*].id");
			if (items.isEmpty()) {
				break;
			}
			ids.addAll(items);
			cursor = JsonPath.read(body(answer), "$.nextCursor");
		}
		// this test's events: the topic also holds the other tests' (delivered at least
		// once)
		assertThat(ids.stream().filter((id) -> id.startsWith("test/" + RUN)).toList()).containsExactly(id("1000"));
		assertProblem(get(EVENTS + "?plant=2000", PLANT_1000), 404, "resource.notFound");
		assertProblem(get(EVENTS + "?cursor=MDoxMh9zaWduYXR1cmUtb2YtMTYtYnl0ZXM", PLANT_1000), 400, "cursor.invalid");
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

	private static String id(String plant) {
		return "test/" + RUN + "/" + plant;
	}

	private static void publish(String plant) {
		Map<String, String> headers = new HashMap<>();
		headers.put("ce_specversion", "1.0");
		headers.put("ce_id", id(plant));
		headers.put("ce_source", "/millgate/erp-change-feed");
		headers.put("ce_type", "dev.millgate.inventory.goods-received");
		headers.put("ce_subject", "1000/FG-100");
		headers.put("ce_time", "2026-03-16T09:12:00Z");
		headers.put("ce_correlationid", UUID.randomUUID().toString());
		headers.put("content-type", "application/json");
		TestKafka.shared().send(TOPIC, "1000/FG-100", "{\"plant\":\"" + plant + "\"}", headers);
	}

}
