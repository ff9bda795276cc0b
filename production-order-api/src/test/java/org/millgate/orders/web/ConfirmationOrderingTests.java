package org.millgate.orders.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.testing.TestTokens;
import org.millgate.testing.events.EventContracts;
import org.millgate.testing.events.TestKafka;
import org.millgate.testing.product.ProductTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * A confirmation's event never comes before its order's release event, which the change
 * feed publishes: it waits in the outbox until the feed's watermark (the ERP change time
 * up to which the feed has published everything) has reached the confirmation's time. A
 * watermark topic of its own, so that this test starts where no feed has published yet.
 */
@ProductTest
@TestPropertySource(
		properties = "millgate.product.events.change-feed-watermarks=" + ConfirmationOrderingTests.WATERMARKS)
class ConfirmationOrderingTests {

	static final String WATERMARKS = "millgate.test.ordering.watermarks";

	private static final String TOPIC = "millgate.production-orders.events.v1";

	private static final String MES_1000 = TestTokens.get()
		.token("mes-plant-1000", "production-orders:read production-orders:write", List.of("1000"));

	@Autowired
	WebTestClient client;

	@Test
	void a_confirmation_s_event_waits_until_the_change_feed_has_published_the_erp_s_changes_up_to_its_time() {
		TestKafka kafka = TestKafka.shared();
		EntityExchangeResult<byte[]> booked = this.client.post()
			.uri("/v2/production-orders/1000001/confirmations")
			.headers((headers) -> {
				headers.setBearerAuth(MES_1000);
				headers.set("Idempotency-Key", "key-" + UUID.randomUUID());
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"operation":"0010","yield":{"value":1,"unit":"H87"},"finalConfirmation":false}""")
			.exchange()
			.expectBody()
			.returnResult();
		assertThat(booked.getStatus().value()).as(body(booked)).isEqualTo(201);
		String id = "confirmation/" + JsonPath.read(body(booked), "$.confirmationId");

		// no feed has published anything: about ten rounds of the relay, and no event
		assertThat(events(id, Duration.ofSeconds(2))).as("no event while the feed has published nothing").isEmpty();
		// the feed has published the changes up to an hour ago: not yet the
		// confirmation's
		kafka.watermark(WATERMARKS, "confirmations", Instant.now().minus(Duration.ofHours(1)));
		assertThat(events(id, Duration.ofSeconds(2))).as("no event before the feed has reached its time").isEmpty();

		kafka.watermark(WATERMARKS, "confirmations", Instant.now().plusSeconds(1));

		List<ConsumerRecord<String, String>> events = events(id, Duration.ofSeconds(30));
		assertThat(events).as("the event once the feed has reached its time").singleElement().satisfies((event) -> {
			assertThat(event.key()).isEqualTo("1000001");
			assertThat(EventContracts.violations("production-orders", "v1", event)).isEmpty();
		});
	}

	private static List<ConsumerRecord<String, String>> events(String id, Duration within) {
		return TestKafka.shared()
			.readUntil(TOPIC,
					(records) -> records.stream()
						.anyMatch((record) -> id.equals(EventContracts.headers(record).get("ce_id"))),
					within)
			.stream()
			.filter((record) -> id.equals(EventContracts.headers(record).get("ce_id")))
			.toList();
	}

}
