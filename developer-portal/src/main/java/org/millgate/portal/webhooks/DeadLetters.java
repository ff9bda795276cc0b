package org.millgate.portal.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.millgate.contracts.catalog.EventTopic;

/**
 * Reports an event set aside by the webhook delivery as an {@code event-dead-lettered}
 * integration event, for the operations team. The event itself stays in the portal (the
 * delivery, dead, with its attempts), where the partner sees it and re-queues it; the
 * report is the alert.
 */
class DeadLetters implements AutoCloseable {

	static final String SOURCE = "/millgate/event-delivery";

	static final String TYPE = "dev.millgate.integration.event-dead-lettered";

	static final String DATA_SCHEMA = "https://millgate.dev/events/integration/v1#/components/schemas/EventDeadLetteredData";

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String topic;

	private final String bootstrap;

	private final EventTopic topicToCreate;

	private final KafkaProducer<String, String> producer;

	/**
	 * The reporter.
	 * @param bootstrap the Kafka cluster
	 * @param topic the integration event product's topic, created as its contract says
	 * when it does not exist yet (the broker creates none on first use)
	 */
	DeadLetters(String bootstrap, EventTopic topic) {
		this.topic = topic.name();
		this.bootstrap = bootstrap;
		this.topicToCreate = topic;
		Properties config = new Properties();
		config.put("bootstrap.servers", bootstrap);
		config.put("enable.idempotence", true);
		config.put("acks", "all");
		config.put("client.id", "millgate-portal-dead-letters");
		config.put("delivery.timeout.ms", 120000);
		config.put("max.block.ms", 5000);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	/**
	 * Creates the integration topic as its contract says when it does not exist yet (the
	 * broker creates none on first use); called by the intake's thread, never at start.
	 */
	void ensureTopic() {
		EventTopic wanted = this.topicToCreate;
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.bootstrap))) {
			admin
				.createTopics(
						List.of(new NewTopic(wanted.name(), wanted.partitions(), (short) -1).configs(wanted.configs())))
				.all()
				.get(15, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				logger.warn("The integration topic {} could not be created: {}", wanted.name(),
						ex.getCause().toString());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (TimeoutException | RuntimeException ex) {
			logger.warn("The integration topic {} could not be created: {}", wanted.name(), ex.toString());
		}
	}

	/**
	 * Reports an event given up on.
	 * @param kind {@code WEBHOOK_SUBSCRIPTION} or {@code CONSUMER_GROUP}
	 * @param consumerId the webhook's id or the consumer group
	 * @param event the event (only where it was read from, for a record that is none)
	 * @param reason {@code DELIVERY_FAILED} or {@code UNREADABLE}
	 * @param detail what happened last
	 * @param attempts how many attempts were made
	 * @param at when it was given up on
	 */
	void report(String kind, String consumerId, ReceivedEvent event, String reason, String detail, int attempts,
			Instant at) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("plant", event.plant());
		data.put("topic", event.topic());
		data.put("partition", event.partition());
		data.put("offset", event.offset());
		data.put("eventId", event.id());
		data.put("eventType", event.type());
		data.put("consumer", Map.of("kind", kind, "id", consumerId));
		data.put("reason", reason);
		data.put("detail", (detail.length() > 500) ? detail.substring(0, 500) : detail);
		data.put("attempts", attempts);
		data.put("deadLetteredAt", at.toString());
		String record = "record/" + event.topic() + "/" + event.partition() + "/" + event.offset();
		// the key names the business object, as the integration events' keys do
		String key = (event.subject() == null) ? record
				: event.subject().matches("[0-9]{1,10}") ? "shipment/" + event.subject() : event.subject();
		send(key, "dead-letter/" + consumerId + "/" + ((event.id() != null) ? event.id() : record) + "/"
				+ at.toEpochMilli(), at, data);
	}

	private void send(String key, String id, Instant at, Map<String, Object> data) {
		String value;
		try {
			value = JSON.writeValueAsString(data);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		ProducerRecord<String, String> record = new ProducerRecord<>(this.topic, key, value);
		header(record, "ce_specversion", "1.0");
		header(record, "ce_id", id);
		header(record, "ce_source", SOURCE);
		header(record, "ce_type", TYPE);
		header(record, "ce_subject", key);
		header(record, "ce_time", at.toString());
		header(record, "ce_dataschema", DATA_SCHEMA);
		header(record, "ce_correlationid", UUID.randomUUID().toString());
		header(record, "content-type", "application/json");
		try {
			this.producer.send(record, (metadata, failure) -> {
				if (failure != null) {
					logger.warn("The dead letter {} could not be reported on {}: {}", id, this.topic,
							failure.toString());
				}
			});
		}
		catch (RuntimeException ex) {
			logger.warn("The dead letter {} could not be reported on {}: {}", id, this.topic, ex.toString());
		}
	}

	private static void header(ProducerRecord<String, String> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
