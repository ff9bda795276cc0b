package org.millgate.portal.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the shipment events from Kafka (read committed, in a consumer group of its own)
 * and records each once with a delivery for every webhook that wants it: a webhook of a
 * partner whose ship-to party the shipment goes to, for the event's type. An event and
 * its deliveries are recorded in one transaction, and the record's offset is committed
 * only after it: nothing read is lost, and an event read twice (after a restart) is
 * recorded once.
 */
class EventIntake implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(EventIntake.class);

	private final WebhookStore store;

	private final TransactionTemplate transactions;

	private final WebhookSettings settings;

	private final String topic;

	private final DeadLetters deadLetters;

	private final Clock clock;

	private final KafkaConsumer<String, String> consumer;

	private volatile boolean running = true;

	EventIntake(WebhookStore store, TransactionTemplate transactions, WebhookSettings settings, String topic,
			DeadLetters deadLetters, Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.settings = settings;
		this.topic = topic;
		this.deadLetters = deadLetters;
		this.clock = clock;
		Properties config = new Properties();
		config.put("bootstrap.servers", settings.kafkaBootstrap());
		config.put("group.id", settings.consumerGroup());
		config.put("client.id", "millgate-portal-webhooks");
		config.put("isolation.level", "read_committed");
		config.put("enable.auto.commit", false);
		config.put("auto.offset.reset", "earliest");
		config.put("max.poll.records", 200);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	@Override
	public void run() {
		try {
			this.deadLetters.ensureTopic();
			this.consumer.subscribe(List.of(this.topic));
			while (this.running) {
				ConsumerRecords<String, String> records = this.consumer.poll(Duration.ofSeconds(1));
				if (!records.isEmpty()) {
					take(records);
				}
			}
		}
		catch (WakeupException ex) {
			// stopping
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	private void take(ConsumerRecords<String, String> records) {
		List<Webhook> webhooks = this.store.activeWebhooks();
		Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
		for (TopicPartition partition : records.partitions()) {
			for (ConsumerRecord<String, String> record : records.records(partition)) {
				try {
					take(record, webhooks);
					done.put(partition, new OffsetAndMetadata(record.offset() + 1));
				}
				catch (RuntimeException ex) {
					// the database is away: this record and the rest of its partition
					// again
					logger.warn("Shipment event at {}-{}@{} not recorded for webhooks, read again: {}", record.topic(),
							record.partition(), record.offset(), ex.toString());
					this.consumer.seek(partition, record.offset());
					pause();
					break;
				}
			}
		}
		if (!done.isEmpty()) {
			this.consumer.commitSync(done);
		}
	}

	private void take(ConsumerRecord<String, String> record, List<Webhook> webhooks) {
		ReceivedEvent event;
		try {
			event = ReceivedEvent.of(record);
		}
		catch (ReceivedEvent.Unreadable unreadable) {
			logger.warn("Shipment record {}-{}@{} set aside: {}", record.topic(), record.partition(), record.offset(),
					unreadable.getMessage());
			this.deadLetters.report(
					"CONSUMER_GROUP", this.settings.consumerGroup(), new ReceivedEvent(null, null, null, null, null,
							null, record.topic(), record.partition(), record.offset(), null),
					"UNREADABLE", unreadable.getMessage(), 1, this.clock.instant());
			return;
		}
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> this.store.insertEvent(event, now).ifPresent((seq) -> {
			WebhookStore.EventRef ref = new WebhookStore.EventRef(seq, event.subject());
			for (Webhook webhook : webhooks) {
				if (event.shipTo() != null && webhook.eventTypes().contains(event.type())
						&& this.settings.shipTosOf(webhook.partnerId()).contains(event.shipTo())) {
					this.store.queueOnce(webhook.id(), ref, now);
				}
			}
		}));
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	void stop() {
		this.running = false;
		this.consumer.wakeup();
	}

}
