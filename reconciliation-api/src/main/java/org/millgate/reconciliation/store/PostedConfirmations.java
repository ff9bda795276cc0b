package org.millgate.reconciliation.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.millgate.reconciliation.reconcile.PostedConfirmation;
import org.millgate.reconciliation.reconcile.ReconciliationStore;
import org.millgate.web.JsonText;

/**
 * The confirmations posted through the platform, read from the production orders' event
 * stream: every {@code order-confirmed} event of the Production Orders API (its source)
 * is kept, once, for the confirmations runs. Read committed, in a consumer group of its
 * own, offsets committed only after the store has the events: nothing is lost across
 * restarts and a repeat is kept once.
 */
public final class PostedConfirmations implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PostedConfirmations.class);

	static final String TYPE = "dev.millgate.production-orders.order-confirmed";

	static final String API_SOURCE = "/millgate/production-order-api";

	private final ReconciliationStore store;

	private final Map<String, Object> config;

	private final List<String> topics;

	private volatile KafkaConsumer<String, String> consumer;

	private volatile boolean running;

	private Thread thread;

	/**
	 * A reader.
	 * @param store where the confirmations are kept
	 * @param bootstrap the Kafka bootstrap servers
	 * @param topics the production orders' event topics
	 * @param group the consumer group
	 * @param client more client settings (security toward a secured cluster)
	 */
	public PostedConfirmations(ReconciliationStore store, String bootstrap, List<String> topics, String group,
			Map<String, String> client) {
		this.store = store;
		this.config = new HashMap<>(client);
		this.config.put("bootstrap.servers", bootstrap);
		this.config.put("group.id", group);
		this.config.put("isolation.level", "read_committed");
		this.config.put("enable.auto.commit", false);
		this.config.put("auto.offset.reset", "earliest");
		this.config.put("default.api.timeout.ms", 10000);
		this.topics = List.copyOf(topics);
	}

	/**
	 * Starts reading on a thread of its own.
	 */
	public synchronized void start() {
		this.running = true;
		this.thread = new Thread(this::read, "reconciliation-posted-confirmations");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void read() {
		while (this.running) {
			try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(this.config, new StringDeserializer(),
					new StringDeserializer())) {
				this.consumer = kafka;
				kafka.subscribe(this.topics);
				while (this.running) {
					ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(500));
					if (records.isEmpty()) {
						continue;
					}
					List<PostedConfirmation> posted = new ArrayList<>();
					for (ConsumerRecord<String, String> record : records) {
						PostedConfirmation confirmation = confirmation(record);
						if (confirmation != null) {
							posted.add(confirmation);
						}
					}
					if (!posted.isEmpty()) {
						int added = this.store.posted(posted);
						logger.debug("Kept {} confirmations posted through the platform", added);
					}
					kafka.commitSync();
				}
			}
			catch (WakeupException ex) {
				// closing
			}
			catch (RuntimeException ex) {
				if (this.running) {
					logger.warn("Reading the confirmations posted through the platform failed; reading on in 5 s "
							+ "from the last committed event", ex);
					sleep();
				}
			}
		}
	}

	// the order-confirmed events of the Production Orders API; null for any other
	static PostedConfirmation confirmation(ConsumerRecord<String, String> record) {
		if (!TYPE.equals(header(record, "ce_type")) || !API_SOURCE.equals(header(record, "ce_source"))
				|| record.value() == null) {
			return null;
		}
		try {
			JsonNode data = JsonText.read(record.value().getBytes(StandardCharsets.UTF_8));
			return new PostedConfirmation(data.path("confirmationId").asString(), data.path("orderId").asString(),
					data.path("plant").asString(), data.path("material").asString(), data.path("operation").asString(),
					new BigDecimal(data.path("yield").path("value").asString()),
					new BigDecimal(data.path("scrap").path("value").asString()),
					data.path("yield").path("unit").asString(), Instant.parse(data.path("postedAt").asString()),
					text(data.path("idempotencyKey")), text(data.path("correlationId")), API_SOURCE);
		}
		catch (RuntimeException ex) {
			logger.warn("Event {} at {}-{}@{} is no confirmation this service can read; skipped",
					header(record, "ce_id"), record.topic(), record.partition(), record.offset(), ex);
			return null;
		}
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull() || node.isMissingNode()) ? null : node.asString();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static void sleep() {
		try {
			Thread.sleep(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void close() {
		this.running = false;
		KafkaConsumer<String, String> kafka = this.consumer;
		if (kafka != null) {
			kafka.wakeup();
		}
		if (this.thread != null) {
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
