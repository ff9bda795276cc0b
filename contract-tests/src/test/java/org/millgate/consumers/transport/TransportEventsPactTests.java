package org.millgate.consumers.transport;

import java.util.List;
import java.util.Map;

import au.com.dius.pact.consumer.MessagePactBuilder;
import au.com.dius.pact.consumer.dsl.Matchers;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import au.com.dius.pact.core.model.annotations.PactDirectory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the transport system expects of the shipment events: a shipment announced ready
 * only with its checks passed, and what it needs to book a truck.
 */
@Order(2)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "shipments-events", providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
@PactDirectory("pacts/messages")
class TransportEventsPactTests {

	@Pact(consumer = "transport")
	V4Pact shipmentReady(MessagePactBuilder builder) {
		return builder.given("shipment 80000001 of plant 1000 is ready for shipment")
			.expectsToReceive("shipment 80000001 ready for shipment")
			.withMetadata(Map.of("ce_type", TransportEvents.READY, "ce_subject", "80000001", "content-type",
					"application/json", "ce_id",
					Matchers.regexp("shipment/80000001/ready/.+", "shipment/80000001/ready/2026-03-16T09:12:00Z")))
			.withContent(new PactDslJsonBody().stringValue("shipmentId", "80000001")
				.stringValue("plant", "1000")
				.stringType("shipTo", "17100001")
				.date("plannedGoodsIssueDate", "yyyy-MM-dd")
				.object("checks")
				.stringValue("picking", "COMPLETED")
				.booleanValue("qualityReleased", true)
				.booleanValue("blocked", false)
				.closeObject()
				.minArrayLike("items", 1)
				.stringType("material", "FG-130")
				.object("quantity")
				.numberType("value", 60)
				.stringType("unit", "H87")
				.closeObject()
				.closeObject()
				.closeArray())
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "shipmentReady")
	void aTruckIsBookedForAReadyShipment(List<V4Interaction.AsynchronousMessage> messages) {
		V4Interaction.AsynchronousMessage message = messages.get(0);
		TransportEvents.Ready ready = TransportEvents.ready(message.contentsAsBytes(), message.getMetadata());
		assertThat(ready.items()).isNotEmpty();
		assertThat(ready.plannedGoodsIssueDate()).isNotNull();
	}

}
