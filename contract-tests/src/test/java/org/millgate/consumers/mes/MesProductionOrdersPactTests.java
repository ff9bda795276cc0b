package org.millgate.consumers.mes;

import java.util.List;
import java.util.Map;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the MES expects of production orders, written by the MES team through its own
 * client. Provider states name seed data of the ERP simulator.
 */
@Order(1)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "production-orders", pactVersion = PactSpecVersion.V4)
class MesProductionOrdersPactTests {

	private static final MesClient.ConfirmationReport REPORT = new MesClient.ConfirmationReport("0010", 5, 0, "H87",
			false);

	private static final String BEARER = "Bearer [A-Za-z0-9._~+/=-]+";

	@Pact(consumer = "mes")
	V4Pact releasedOrdersOfItsPlant(PactDslWithProvider builder) {
		return builder.given("plant 1000 has released production orders")
			.uponReceiving("the released orders of plant 1000")
			.method("GET")
			.path("/v1/production-orders")
			.query("plant=1000&status=RELEASED")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.willRespondWith()
			.status(200)
			.matchHeader("Content-Type", "application/json.*", "application/json")
			.body(new PactDslJsonBody().minArrayLike("items", 1)
				.stringMatcher("orderId", "[0-9]{1,12}", "1000043")
				.stringValue("plant", "1000")
				.stringType("material", "FG-230")
				.stringValue("status", "RELEASED")
				.decimalType("plannedQuantity", 180.0)
				.stringType("unit", "H87")
				.closeObject()
				.closeArray())
			.toPact(V4Pact.class);
	}

	@Pact(consumer = "mes")
	V4Pact anOrderWithOperationsAndComponents(PactDslWithProvider builder) {
		return builder.given("production order 1000043 of plant 1000 is released")
			.uponReceiving("production order 1000043 with its operations and components")
			.method("GET")
			.path("/v1/production-orders/1000043")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.willRespondWith()
			.status(200)
			.body(new PactDslJsonBody().stringValue("orderId", "1000043")
				.stringValue("plant", "1000")
				.stringType("material", "FG-230")
				.stringMatcher("status", "RELEASED|PARTIALLY_CONFIRMED", "RELEASED")
				.object("quantities")
				.decimalType("planned", 180.0)
				.decimalType("confirmedYield", 0.0)
				.stringType("unit", "H87")
				.closeObject()
				.object("routing")
				.minArrayLike("operations", 1)
				.stringMatcher("operation", "[0-9]{4}", "0010")
				.stringType("workCenter", "ASSY1000")
				.stringType("description", "Assembly")
				.closeObject()
				.closeArray()
				.closeObject()
				.minArrayLike("components", 1)
				.stringType("material", "HB-440")
				.decimalType("requiredQuantity", 180.0)
				.stringType("unit", "H87")
				.closeObject()
				.closeArray())
			.toPact(V4Pact.class);
	}

	@Pact(consumer = "mes")
	V4Pact aConfirmation(PactDslWithProvider builder) {
		String report = "{\"operation\":\"0010\",\"yieldQuantity\":5.0,\"scrapQuantity\":0.0,\"unit\":\"H87\","
				+ "\"finalConfirmation\":false}";
		PactDslJsonBody confirmation = new PactDslJsonBody();
		confirmation.stringMatcher("confirmationId", "[0-9]{10}-[0-9]{8}", "0002000107-00000001")
			.stringValue("orderId", "1000043")
			.stringValue("operation", "0010")
			.decimalType("yieldQuantity", 5.0)
			.stringValue("unit", "H87");
		return builder.given("production order 1000043 of plant 1000 is released")
			.uponReceiving("a confirmation of operation 0010 with an idempotency key")
			.method("POST")
			.path("/v1/production-orders/1000043/confirmations")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.matchHeader("Content-Type", "application/json.*", "application/json")
			.matchHeader("Idempotency-Key", "[A-Za-z0-9._:-]{8,128}", "mes-line4-20261126-0001")
			.body(report)
			.willRespondWith()
			.status(201)
			.body(confirmation)
			.toPact(V4Pact.class);
	}

	// The replay is the very same request: a state of its own tells it apart.
	@Pact(consumer = "mes")
	V4Pact aReplayedConfirmation(PactDslWithProvider builder) {
		String report = "{\"operation\":\"0010\",\"yieldQuantity\":5.0,\"scrapQuantity\":0.0,\"unit\":\"H87\","
				+ "\"finalConfirmation\":false}";
		PactDslJsonBody confirmation = new PactDslJsonBody();
		confirmation.stringMatcher("confirmationId", "[0-9]{10}-[0-9]{8}", "0002000107-00000001")
			.stringValue("orderId", "1000043")
			.stringValue("operation", "0010")
			.decimalType("yieldQuantity", 5.0)
			.stringValue("unit", "H87");
		return builder.given("production order 1000043 was confirmed with key mes-line4-20261126-0001")
			.uponReceiving("the same confirmation again with the same idempotency key")
			.method("POST")
			.path("/v1/production-orders/1000043/confirmations")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.matchHeader("Content-Type", "application/json.*", "application/json")
			.headers("Idempotency-Key", "mes-line4-20261126-0001")
			.body(report)
			.willRespondWith()
			.status(201)
			.headers(Map.of("Idempotency-Replayed", "true"))
			.body(confirmation)
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "releasedOrdersOfItsPlant")
	void theLineSeesWhatItMayStart(MockServer server) {
		List<MesClient.OrderSummary> orders = client(server).releasedOrders("1000");
		assertThat(orders).isNotEmpty().allSatisfy((order) -> {
			assertThat(order.status()).isEqualTo("RELEASED");
			assertThat(order.plant()).isEqualTo("1000");
		});
	}

	@Test
	@PactTestFor(pactMethod = "anOrderWithOperationsAndComponents")
	void theLineReadsAnOrdersOperationsAndComponents(MockServer server) {
		MesClient.Order order = client(server).order("1000043");
		assertThat(order.routing().operations()).extracting(MesClient.Operation::operation).contains("0010");
		assertThat(order.components()).isNotEmpty();
		assertThat(order.quantities().unit()).isEqualTo("H87");
	}

	@Test
	@PactTestFor(pactMethod = "aConfirmation")
	void theLineReportsYield(MockServer server) {
		MesClient.Confirmed confirmed = client(server).confirm("1000043", "mes-line4-20261126-0001", REPORT);
		assertThat(confirmed.replayed()).isFalse();
		assertThat(confirmed.confirmation().operation()).isEqualTo("0010");
	}

	@Test
	@PactTestFor(pactMethod = "aReplayedConfirmation")
	void aRetriedConfirmationIsAnsweredFromTheFirst(MockServer server) {
		MesClient.Confirmed retry = client(server).confirm("1000043", "mes-line4-20261126-0001", REPORT);
		assertThat(retry.replayed()).isTrue();
		assertThat(retry.confirmation().confirmationId()).isNotBlank();
	}

	private static MesClient client(MockServer server) {
		return new MesClient(server.getUrl(), () -> "mes-token");
	}

}
