package org.millgate.consumers.partner;

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
 * What a partner (ACME, ship-to 17100001) expects: its own shipment's status, and nothing
 * of another partner's.
 */
@Order(1)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "shipments", pactVersion = PactSpecVersion.V4)
class PartnerPactTests {

	private static final String BEARER = "Bearer [A-Za-z0-9._~+/=-]+";

	@Pact(consumer = "partner")
	V4Pact itsOwnShipment(PactDslWithProvider builder) {
		return builder.given("partner ACME has shipment 80000001")
			.uponReceiving("ACME asks for its shipment 80000001")
			.method("GET")
			.path("/v1/shipments/80000001")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.willRespondWith()
			.status(200)
			.body(new PactDslJsonBody().stringValue("shipmentId", "80000001")
				.stringValue("shipTo", "17100001")
				.stringMatcher("status", "PLANNED|PICKING|PICKED|PACKED|READY_FOR_SHIPMENT|SHIPPED|DELIVERED",
						"READY_FOR_SHIPMENT")
				.date("plannedDeliveryDate", "yyyy-MM-dd"))
			.toPact(V4Pact.class);
	}

	@Pact(consumer = "partner")
	V4Pact anotherPartnersShipment(PactDslWithProvider builder) {
		return builder.given("shipment 80000002 belongs to partner BETA")
			.uponReceiving("ACME asks for BETA's shipment 80000002")
			.method("GET")
			.path("/v1/shipments/80000002")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.willRespondWith()
			.status(404)
			.matchHeader("Content-Type", "application/problem\\+json.*", "application/problem+json")
			.body(new PactDslJsonBody().stringValue("code", "resource.notFound").integerType("status", 404))
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "itsOwnShipment")
	void aPartnerTracksItsShipment(MockServer server) {
		assertThat(new PartnerClient(server.getUrl(), () -> "acme").status("80000001"))
			.hasValueSatisfying((shipment) -> assertThat(shipment.shipTo()).isEqualTo("17100001"));
	}

	@Test
	@PactTestFor(pactMethod = "anotherPartnersShipment")
	void anotherPartnersShipmentDoesNotExistForIt(MockServer server) {
		assertThat(new PartnerClient(server.getUrl(), () -> "acme").status("80000002")).isEmpty();
	}

}
