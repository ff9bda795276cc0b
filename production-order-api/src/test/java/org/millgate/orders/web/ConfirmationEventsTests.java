package org.millgate.orders.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.testing.TestTokens;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.events.EventContracts;
import org.millgate.testing.events.TestKafka;
import org.millgate.testing.product.ProductTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * The production-orders events of the confirmations posted through the API, on a real
 * Kafka (the platform's embedded broker): every booking has its {@code order-confirmed}
 * event, valid against the event contract, in CloudEvents' binary mode; a refused booking
 * has none; and the bookings made while Kafka was away have theirs once it is back.
 */
@ProductTest
class ConfirmationEventsTests {

	private static final String TOPIC = "millgate.production-orders.events.v1";

	private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

	private static final String MES_1000 = TestTokens.get()
		.token("mes-plant-1000", "production-orders:read production-orders:write", List.of("1000"));

	private static final String CONFIRMATION = """
			{"operation":"%s","yield":{"value":1,"unit":"H87"},"finalConfirmation":false,"varianceReason":"SCR"}""";

	private static final YAMLMapper yaml = new YAMLMapper();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Schema orderConfirmedData;

	static Schema orderConfirmedHeaders;

	@Autowired
	WebTestClient client;

	@BeforeAll
	static void schema() throws IOException {
		JsonNode contract;
		try (InputStream in = ConfirmationEventsTests.class
			.getResourceAsStream("/millgate/contracts/events/production-orders/v1.yaml")) {
			contract = yaml.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		orderConfirmedData = within(contract, "#/components/schemas/OrderConfirmedData");
		orderConfirmedHeaders = within(contract, "#/components/messages/OrderConfirmed/headers");
	}

	// a schema of the contract, its references resolved within it
	private static Schema within(JsonNode contract, String pointer) {
		ObjectNode root = (ObjectNode) contract.deepCopy();
		root.putArray("allOf").addObject().put("$ref", pointer);
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
			.getSchema(root.toString(), InputFormat.JSON);
	}

	// the change feed has published everything: the events that wait for it flow
	@BeforeEach
	void feedCaughtUp() {
		TestKafka.shared().watermark(ProductTest.WATERMARKS, "confirmations", FAR_FUTURE);
	}

	@Test
	void every_booking_has_its_order_confirmed_event_valid_by_the_contract_and_a_refusal_has_none() {
		String key = "key-" + UUID.randomUUID();
		String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
		EntityExchangeResult<byte[]> booked = confirm("1000001", key, "0010", "00-" + trace + "-00f067aa0ba902b7-01");
		assertThat(booked.getStatus().value()).as(body(booked)).isEqualTo(201);
		String confirmationId = JsonPath.read(body(booked), "$.confirmationId");
		String correlationId = booked.getResponseHeaders().getFirst("X-Correlation-Id");
		EntityExchangeResult<byte[]> refused = confirm("1000001", "key-" + UUID.randomUUID(), "9990");
		assertProblem(refused, 422, "confirmation.unknownOperation");
		String refusedCorrelation = refused.getResponseHeaders().getFirst("X-Correlation-Id");

		ConsumerRecord<String, String> event = find("confirmation/" + confirmationId);

		assertThat(event.key()).as("the order keeps its events in order").isEqualTo("1000001");
		Map<String, String> headers = headers(event);
		assertThat(headers).containsEntry("ce_specversion", "1.0")
			.containsEntry("ce_source", "/millgate/production-order-api")
			.containsEntry("ce_type", "dev.millgate.production-orders.order-confirmed")
			.containsEntry("ce_subject", "1000001")
			.containsEntry("ce_correlationid", correlationId)
			.containsEntry("content-type", "application/json")
			.containsKey("ce_time");
		List<Error> violations = orderConfirmedData.validate(event.value(), InputFormat.JSON);
		assertThat(violations).as("%s against OrderConfirmedData", event.value()).isEmpty();
		String headerJson = JSON.writeValueAsString(headers);
		assertThat(orderConfirmedHeaders.validate(headerJson, InputFormat.JSON))
			.as("%s against OrderConfirmed's headers", headerJson)
			.isEmpty();
		assertThat(headers.get("ce_traceparent")).as("the caller's trace, continued by the product")
			.startsWith("00-" + trace + "-")
			.isNotEqualTo("00-" + trace + "-00f067aa0ba902b7-01");
		assertThat((String) JsonPath.read(event.value(), "$.idempotencyKey")).isEqualTo(key);
		assertThat((String) JsonPath.read(event.value(), "$.confirmationId")).isEqualTo(confirmationId);
		assertThat((String) JsonPath.read(event.value(), "$.varianceReason")).isEqualTo("SCR");
		assertThat(event.value()).as("quantities with three decimals, as in the REST contracts")
			.contains("\"yield\":{\"value\":1.000,\"unit\":\"H87\"}");

		// the replay of the same key is no second booking, and no second event
		assertThat(confirm("1000001", key, "0010").getResponseHeaders().getFirst("Idempotency-Replayed"))
			.isEqualTo("true");
		List<ConsumerRecord<String, String>> all = TestKafka.shared()
			.read(TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(3));
		assertThat(all).filteredOn((record) -> ("confirmation/" + confirmationId).equals(headers(record).get("ce_id")))
			.hasSize(1);
		assertThat(all).noneMatch((record) -> refusedCorrelation.equals(headers(record).get("ce_correlationid")));
	}

	@Test
	void an_erp_refusal_is_reported_as_an_integration_event_and_has_no_order_confirmed_event() {
		ErpSimulator erp = ErpSimulator.shared();
		erp.fault("confirmations", "{\"refusal\":\"RU/101 Order 1000001 is locked by user PLANNER\"}");
		EntityExchangeResult<byte[]> refused;
		try {
			refused = confirm("1000001", "key-" + UUID.randomUUID(), "0010");
		}
		finally {
			erp.clearFaults();
		}
		assertProblem(refused, 409, "erp.conflict");
		String correlationId = refused.getResponseHeaders().getFirst("X-Correlation-Id");

		List<ConsumerRecord<String, String>> reported = TestKafka.shared()
			.readUntil("millgate.integration.events.v1",
					(records) -> records.stream()
						.anyMatch((record) -> ("erp-refusal/" + correlationId).equals(headers(record).get("ce_id"))),
					Duration.ofSeconds(60));
		ConsumerRecord<String, String> event = reported.stream()
			.filter((record) -> ("erp-refusal/" + correlationId).equals(headers(record).get("ce_id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no erp-refusal event of " + correlationId));
		assertThat(event.key()).isEqualTo("production-order/1000001");
		assertThat(EventContracts.violations("integration", "v1", event)).isEmpty();
		assertThat((String) JsonPath.read(event.value(), "$.erpMessage.code")).isEqualTo("RU/101");
		assertThat((String) JsonPath.read(event.value(), "$.problemCode")).isEqualTo("erp.conflict");
		assertThat(TestKafka.shared().read(TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(2)))
			.noneMatch((record) -> correlationId.equals(headers(record).get("ce_correlationid")));
	}

	@Test
	void an_operator_on_this_machine_sees_the_outbox_and_its_dead_letters() {
		EntityExchangeResult<byte[]> outbox = this.client.get()
			.uri("/actuator/outbox")
			.exchange()
			.expectBody()
			.returnResult();
		assertThat(outbox.getStatus().value()).as(body(outbox)).isEqualTo(200);
		assertThat(body(outbox)).contains("\"waiting\":", "\"deadLetters\":[");
		assertThat(this.client.post()
			.uri("/actuator/outbox/1-0")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value()).as("no such dead letter").isEqualTo(404);
	}

	@Test
	void the_bookings_made_while_kafka_was_away_have_their_events_once_it_is_back() {
		List<String> ids = new ArrayList<>();
		TestKafka kafka = TestKafka.shared();
		kafka.stop();
		try {
			for (int i = 0; i < 3; i++) {
				EntityExchangeResult<byte[]> booked = confirm("1000001", "key-" + UUID.randomUUID(), "0010");
				assertThat(booked.getStatus().value()).as("booked while Kafka is away: %s", body(booked))
					.isEqualTo(201);
				ids.add("confirmation/" + JsonPath.read(body(booked), "$.confirmationId"));
			}
		}
		finally {
			kafka.start();
		}
		long previous = -1;
		for (String id : ids) {
			ConsumerRecord<String, String> event = find(id);
			assertThat(event.key()).isEqualTo("1000001");
			assertThat(event.offset()).as("the events of one order in the order of their bookings")
				.isGreaterThan(previous);
			previous = event.offset();
		}
	}

	private ConsumerRecord<String, String> find(String ceId) {
		List<ConsumerRecord<String, String>> records = TestKafka.shared()
			.readUntil(TOPIC, (read) -> read.stream().anyMatch((record) -> ceId.equals(headers(record).get("ce_id"))),
					Duration.ofSeconds(60));
		return records.stream()
			.filter((record) -> ceId.equals(headers(record).get("ce_id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"no event " + ceId + " on " + TOPIC + " within 60 s; " + records.size() + " other records"));
	}

	private static Map<String, String> headers(ConsumerRecord<String, String> record) {
		Map<String, String> headers = new HashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	private EntityExchangeResult<byte[]> confirm(String order, String key, String operation) {
		return confirm(order, key, operation, null);
	}

	private EntityExchangeResult<byte[]> confirm(String order, String key, String operation, String traceparent) {
		return this.client.post().uri("/v2/production-orders/" + order + "/confirmations").headers((headers) -> {
			headers.setBearerAuth(MES_1000);
			headers.set("Idempotency-Key", key);
			if (traceparent != null) {
				headers.set("traceparent", traceparent);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(CONFIRMATION.formatted(operation))
			.exchange()
			.expectBody()
			.returnResult();
	}

}
