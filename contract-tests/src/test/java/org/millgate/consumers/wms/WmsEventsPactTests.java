package org.millgate.consumers.wms;

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
 * What the WMS expects of the inventory events: a quality release of a batch, booked from
 * quality hold to on hand in its storage location.
 */
@Order(2)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "inventory-events", providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
@PactDirectory("pacts/messages")
class WmsEventsPactTests {

	@Pact(consumer = "wms")
	V4Pact qualityRelease(MessagePactBuilder builder) {
		return builder.given("batch FC260201 of FG-130 in plant 1000 was released from quality inspection")
			.expectsToReceive("the quality release of batch FC260201 of FG-130")
			.withMetadata(Map.of("ce_type", WmsEvents.STOCK_TRANSFERRED, "ce_subject", "1000/FG-130", "content-type",
					"application/json", "ce_id",
					Matchers.regexp("material-document/\\d{4}/\\d{1,10}/\\d{4}",
							"material-document/2026/4900000001/0001")))
			.withContent(new PactDslJsonBody().stringValue("plant", "1000")
				.stringValue("material", "FG-130")
				.stringType("storageLocation", "0003")
				.stringType("toStorageLocation", "0003")
				.stringValue("batch", "FC260201")
				.stringValue("fromStockStatus", "QUALITY_HOLD")
				.stringValue("toStockStatus", "ON_HAND")
				.object("quantity")
				.numberType("value", 60)
				.stringType("unit", "H87")
				.closeObject())
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "qualityRelease")
	void theWarehouseBooksAQualityReleaseByItsStatuses(List<V4Interaction.AsynchronousMessage> messages) {
		V4Interaction.AsynchronousMessage message = messages.get(0);
		WmsEvents.Movement movement = WmsEvents.movement(message.contentsAsBytes(), message.getMetadata());
		assertThat(movement.fromStockStatus()).isEqualTo("QUALITY_HOLD");
		assertThat(movement.toStockStatus()).isEqualTo("ON_HAND");
		assertThat(movement.quantity().value()).isPositive();
	}

}
