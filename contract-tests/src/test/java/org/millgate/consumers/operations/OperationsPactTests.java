package org.millgate.consumers.operations;

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
 * What integration operations expects of reconciliation: the lineage of a released
 * production order, hop by hop, with how many hops are late or failed.
 */
@Order(1)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "reconciliation", pactVersion = PactSpecVersion.V4)
class OperationsPactTests {

	static final String BEARER = "Bearer [A-Za-z0-9._~+/=-]+";

	@Pact(consumer = "operations")
	V4Pact lineage(PactDslWithProvider builder) {
		return builder.given("production order 1000043 of plant 1000 is released")
			.uponReceiving("the lineage of production order 1000043")
			.method("GET")
			.path("/v1/reconciliation/production-orders/1000043/lineage")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.willRespondWith()
			.status(200)
			.body(new PactDslJsonBody().stringValue("orderId", "1000043")
				.stringValue("plant", "1000")
				.integerType("late", 0)
				.integerType("failed", 0)
				.minArrayLike("hops", 1)
				.stringMatcher("hop",
						"RELEASED|CONFIRMED|CONFIRMATION_REVERSED|COMPONENTS_ISSUED|GOODS_RECEIVED|"
								+ "TECHNICALLY_COMPLETED|READY_FOR_SHIPMENT|SHIPPED|DELIVERED|ERP_REFUSAL",
						"RELEASED")
				.stringMatcher("at", "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z",
						"2026-02-27T08:34:08Z")
				.stringMatcher("state", "ON_TIME|LATE|PENDING|FAILED", "ON_TIME")
				.closeObject()
				.closeArray())
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "lineage")
	void operationsSeesWhichHopOfAnOrderIsLate(MockServer server) {
		OperationsClient.Lineage lineage = new OperationsClient(server.getUrl(), () -> "t").lineage("1000043");
		assertThat(lineage.hops()).isNotEmpty();
		assertThat(lineage.late()).isLessThanOrEqualTo(lineage.hops().size());
	}

}
