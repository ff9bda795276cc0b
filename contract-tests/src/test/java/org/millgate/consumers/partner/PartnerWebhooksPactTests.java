package org.millgate.consumers.partner;

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
 * What partner ACME's webhook endpoint expects of a delivery: the shipment event in
 * structured CloudEvents JSON, its id to deduplicate by, and what it needs to plan the
 * goods receipt.
 */
@Order(2)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "shipments-webhooks", providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
@PactDirectory("pacts/messages")
class PartnerWebhooksPactTests {

	@Pact(consumer = "partner")
	V4Pact shipmentReady(MessagePactBuilder builder) {
		return builder.given("shipment 80000001 to ACME is ready for shipment")
			.expectsToReceive("shipment 80000001 ready for shipment, as a webhook")
			.withMetadata(Map.of("contentType", "application/cloudevents+json", "webhook-id",
					Matchers.regexp("shipment/80000001/ready/.+", "shipment/80000001/ready/2026-03-16T09:12:00Z")))
			.withContent(new PactDslJsonBody().stringValue("specversion", "1.0")
				.stringMatcher("id", "shipment/80000001/ready/.+", "shipment/80000001/ready/2026-03-16T09:12:00Z")
				.stringValue("type", PartnerWebhooks.READY)
				.stringValue("subject", "80000001")
				.stringMatcher("time", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})",
						"2026-03-16T09:12:00Z")
				.stringValue("datacontenttype", "application/json")
				.object("data")
				.stringValue("shipmentId", "80000001")
				.stringValue("shipTo", "17100001")
				.date("plannedDeliveryDate", "yyyy-MM-dd")
				.object("checks")
				.booleanValue("qualityReleased", true)
				.closeObject()
				.minArrayLike("items", 1)
				.stringType("material", "FG-130")
				.object("quantity")
				.numberType("value", 60)
				.stringType("unit", "H87")
				.closeObject()
				.closeObject()
				.closeArray()
				.closeObject())
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "shipmentReady")
	void theGoodsReceiptOfAReadyShipmentIsPlanned(List<V4Interaction.AsynchronousMessage> messages) {
		V4Interaction.AsynchronousMessage message = messages.get(0);
		PartnerWebhooks.Delivery delivery = PartnerWebhooks.delivery(message.contentsAsBytes());
		assertThat(delivery.id()).isEqualTo(message.getMetadata().get("webhook-id"));
		assertThat(delivery.data().shipTo()).isEqualTo("17100001");
		assertThat(delivery.data().plannedDeliveryDate()).isNotNull();
		assertThat(delivery.data().items()).isNotEmpty();
	}

}
