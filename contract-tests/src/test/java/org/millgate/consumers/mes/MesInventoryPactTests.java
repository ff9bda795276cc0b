package org.millgate.consumers.mes;

import java.util.List;

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
 * What the MES expects of inventory: the availability of an order's components before the
 * line starts it.
 */
@Order(1)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "inventory", pactVersion = PactSpecVersion.V4)
class MesInventoryPactTests {

	@Pact(consumer = "mes")
	V4Pact availabilityOfComponents(PactDslWithProvider builder) {
		return builder.given("plant 1000 stocks components HB-440 and RM-280")
			.uponReceiving("the availability of two components in plant 1000")
			.method("POST")
			.path("/v1/inventory/availability/queries")
			.matchHeader("Authorization", "Bearer [A-Za-z0-9._~+/=-]+", "Bearer token")
			.matchHeader("Content-Type", "application/json.*", "application/json")
			.body("{\"plant\":\"1000\",\"items\":[{\"material\":\"HB-440\"},{\"material\":\"RM-280\"}]}")
			.willRespondWith()
			.status(200)
			.body(new PactDslJsonBody().stringValue("plant", "1000")
				.minArrayLike("results", 2)
				.stringType("material", "HB-440")
				.stringValue("outcome", "FOUND")
				.object("availability")
				.stringType("unit", "H87")
				.object("quantities")
				.decimalType("onHand", 500.0)
				.decimalType("available", 380.0)
				.decimalType("qualityHold", 40.0)
				.closeObject()
				.closeObject()
				.closeObject()
				.closeArray())
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "availabilityOfComponents")
	void theLineChecksItsComponentsBeforeStarting(MockServer server) {
		List<MesClient.ComponentAvailability> results = new MesClient(server.getUrl(), () -> "mes-token")
			.availability("1000", List.of("HB-440", "RM-280"));
		assertThat(results).hasSizeGreaterThanOrEqualTo(2).allSatisfy((result) -> {
			assertThat(result.outcome()).isEqualTo("FOUND");
			assertThat(result.availability().quantities().available()).isNotNegative();
		});
	}

}
