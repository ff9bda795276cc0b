package org.millgate.orders.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import org.millgate.product.web.events.EventRelay;
import org.millgate.product.web.events.MemoryOutbox;
import org.millgate.product.web.events.OutboxEvent;
import org.millgate.testing.events.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event Kafka refuses for good (here: larger than the producer may send) must not hold
 * the events behind it: it is dead-lettered with its reason, and the next one is
 * delivered. The relay against the real embedded broker, with an outbox of the test's.
 */
class PoisonEventTests {

	private static final String TOPIC = "millgate.test.poison." + System.nanoTime();

	@Test
	void an_event_kafka_refuses_for_good_is_dead_lettered_and_the_ones_behind_it_are_delivered() {
		TestKafka kafka = TestKafka.shared();
		KafkaTemplate<String, String> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10_000),
				new StringSerializer(), new StringSerializer()));
		KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()));
		MemoryOutbox outbox = new MemoryOutbox();
		outbox.append(event("poison", "x".repeat(20_000)));
		outbox.append(event("fine", "{\"orderId\":\"1000001\"}"));
		EventRelay relay = new EventRelay(outbox, template, admin, List.of(new NewTopic(TOPIC, 1, (short) 1)),
				Duration.ofMillis(200), Duration.ofSeconds(15));
		relay.start();
		try {
			// the relay's own thread may have delivered first: either way, once this
			// delivery (which waits for the thread's) returns, the outbox is through
			relay.deliver();
		}
		finally {
			relay.stop();
			template.destroy();
		}

		assertThat(outbox.waiting()).isZero();
		assertThat(outbox.deadLetters()).singleElement().satisfies((dead) -> {
			assertThat(dead.event().id()).isEqualTo("poison");
			assertThat(dead.reason()).startsWith("RecordTooLargeException");
		});
		// an operator puts it back (once its cause is fixed): it waits again, at the end
		assertThat(outbox.requeue(outbox.deadLetters().get(0).id())).isTrue();
		assertThat(outbox.deadLetters()).isEmpty();
		assertThat(outbox.next(10)).extracting((pending) -> pending.event().id()).containsExactly("poison");
		assertThat(kafka.read(TOPIC, 1, Duration.ofSeconds(20))).singleElement()
			.satisfies((record) -> assertThat(record.value()).isEqualTo("{\"orderId\":\"1000001\"}"));
	}

	private static OutboxEvent event(String id, String data) {
		return new OutboxEvent(TOPIC, "1000001", id, "/millgate/production-order-api",
				"dev.millgate.production-orders.order-confirmed", "1000001", Instant.now(), null, "test-poison-event",
				null, data);
	}

}
