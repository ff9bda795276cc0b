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

import org.millgate.reconciliation.reconcile.LedgerEvent;
import org.millgate.reconciliation.reconcile.PostedConfirmation;
import org.millgate.reconciliation.reconcile.ReconciliationStore;
import org.millgate.web.JsonText;

/**
 * What the platform's event streams carry, kept for the reconciliation: every
 * {@code order-confirmed} event of the Production Orders API (what MES posted through the
 * platform, for the confirmations runs), and the events about production orders and
 * shipments with when they reached the stream (for the lineage of an order). Read
 * committed, in a consumer group of its own, offsets committed only after the store has
 * the events: nothing is lost across restarts and a repeat is kept once.
 */
public final class EventLedger implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EventLedger.class);

	static final String CONFIRMED = "dev.millgate.production-orders.order-confirmed";

	static final String API_SOURCE = "/millgate/production-order-api";

	private final ReconciliationStore store;

	private final Map<String, Object> config;

	private final List<String> topics;

	private volatile KafkaConsumer<String, String> consumer;

	private volatile boolean running;

	private Thread thread;

	/**
	 * A reader.
	 * @param store where the events are kept
	 * @param bootstrap the Kafka bootstrap servers
	 * @param topics the topics of the production orders', inventory's, shipments' and
	 * integration events
	 * @param group the consumer group
	 * @param client more client settings (security toward a secured cluster)
	 */
	public EventLedger(ReconciliationStore store, String bootstrap, List<String> topics, String group,
			Map<String, String> client) {
		this.store = store;
		this.config = new HashMap<>(client);
		this.config.put("bootstrap.servers", bootstrap);
		this.config.put("group.id", group);
		this.config.put("isolation.level", "read_committed");
		this.config.put("enable.auto.commit", false);
		this.config.put("auto.offset.reset", "earliest");
		this.config.put("default.api.timeout.ms", 10000);
		// topics the platform has not made yet are subscribed to once they exist
		this.config.put("metadata.max.age.ms", 10000);
		this.topics = List.copyOf(topics);
	}

	/**
	 * Starts reading on a thread of its own.
	 */
	public synchronized void start() {
		this.running = true;
		this.thread = new Thread(this::read, "reconciliation-event-ledger");
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
					List<LedgerEvent> events = new ArrayList<>();
					for (ConsumerRecord<String, String> record : records) {
						read(record, posted, events);
					}
					if (!posted.isEmpty() || !events.isEmpty()) {
						this.store.record(posted, events);
					}
					kafka.commitSync();
				}
			}
			catch (WakeupException ex) {
				// closing
			}
			catch (RuntimeException ex) {
				if (this.running) {
					logger.warn("Reading the platform's events failed; reading on in 5 s from the last committed "
							+ "event", ex);
					sleep();
				}
			}
		}
	}

	static void read(ConsumerRecord<String, String> record, List<PostedConfirmation> posted, List<LedgerEvent> events) {
		String type = header(record, "ce_type");
		String id = header(record, "ce_id");
		if (type == null || id == null || record.value() == null) {
			return;
		}
		try {
			JsonNode data = JsonText.read(record.value().getBytes(StandardCharsets.UTF_8));
			Instant occurred = Instant.parse(header(record, "ce_time"));
			Instant published = Instant.ofEpochMilli(record.timestamp());
			String correlationId = header(record, "ce_correlationid");
			if (type.startsWith("dev.millgate.production-orders.")) {
				events.add(new LedgerEvent(id, type, text(data.path("orderId")), null, occurred, published,
						correlationId, null));
				if (CONFIRMED.equals(type) && API_SOURCE.equals(header(record, "ce_source"))) {
					posted.add(confirmation(data));
				}
			}
			else if (type.startsWith("dev.millgate.inventory.") && text(data.path("orderId")) != null) {
				events.add(new LedgerEvent(id, type, text(data.path("orderId")), null, occurred, published,
						correlationId, null));
			}
			else if (type.startsWith("dev.millgate.shipments.")) {
				events.add(new LedgerEvent(id, type, null, text(data.path("shipmentId")), occurred, published,
						correlationId, null));
			}
			else if ("dev.millgate.integration.erp-refusal".equals(type)) {
				String detail = "The ERP refused " + text(data.path("apiOperation")) + " of operation "
						+ text(data.path("operation")) + " (" + text(data.path("problemCode")) + ", ERP message "
						+ text(data.path("erpMessage").path("code")) + ")";
				events.add(new LedgerEvent(id, type, text(data.path("orderId")), null, occurred, published,
						correlationId, detail));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Event {} at {}-{}@{} cannot be read; skipped", id, record.topic(), record.partition(),
					record.offset(), ex);
		}
	}

	private static PostedConfirmation confirmation(JsonNode data) {
		return new PostedConfirmation(data.path("confirmationId").asString(), data.path("orderId").asString(),
				data.path("plant").asString(), data.path("material").asString(), data.path("operation").asString(),
				new BigDecimal(data.path("yield").path("value").asString()),
				new BigDecimal(data.path("scrap").path("value").asString()), data.path("yield").path("unit").asString(),
				Instant.parse(data.path("postedAt").asString()), text(data.path("idempotencyKey")),
				text(data.path("correlationId")), API_SOURCE);
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
