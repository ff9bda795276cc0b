package org.millgate.consumers.mes;

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
 * What the MES expects of the production order events (Kafka, CloudEvents in binary
 * mode): an order released for the shop floor, with what it needs to start it.
 */
@Order(2)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "production-orders-events", providerType = ProviderType.ASYNCH,
		pactVersion = PactSpecVersion.V4)
@PactDirectory("pacts/messages")
class MesEventsPactTests {

	/** An RFC 3339 date-time, as the events write them. */
	static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})";

	@Pact(consumer = "mes")
	V4Pact orderReleased(MessagePactBuilder builder) {
		return builder.given("production order 1000043 of plant 1000 is released")
			.expectsToReceive("the release of production order 1000043")
			.withMetadata(Map.of("ce_type", MesEvents.ORDER_RELEASED, "ce_id", "production-order/1000043/released",
					"ce_subject", "1000043", "ce_specversion", "1.0", "content-type", "application/json", "ce_time",
					Matchers.regexp(DATE_TIME, "2026-02-27T08:34:08Z")))
			.withContent(new PactDslJsonBody().stringValue("orderId", "1000043")
				.stringValue("plant", "1000")
				.stringType("material", "FG-100")
				.stringMatcher("releasedAt", DATE_TIME, "2026-02-27T08:34:08Z")
				.object("quantities")
				.object("planned")
				.numberType("value", 250)
				.stringType("unit", "H87")
				.closeObject()
				.closeObject())
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "orderReleased")
	void theShopFloorStartsAReleasedOrder(List<V4Interaction.AsynchronousMessage> messages) {
		V4Interaction.AsynchronousMessage message = messages.get(0);
		MesEvents.OrderReleased released = MesEvents.orderReleased(message.contentsAsBytes(), message.getMetadata());
		assertThat(released.orderId()).isEqualTo("1000043");
		assertThat(released.quantities().planned().value()).isPositive();
		assertThat(released.releasedAt()).isNotNull();
	}

}
