package org.millgate.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.http.HttpMethod;

import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.platform.Platform;

/**
 * Shipment 80000001 (partner ACME's, ship-to party 17100001) announced ready again, as
 * often as a test needs: quality puts a piece of its batch back into inspection (322),
 * the change feed sees the shipment withdrawn, quality releases it (321), and the feed
 * announces it ready once more, with an id of its own. Follows the shipments topic and
 * the feed's state as a read-committed consumer.
 */
public final class ShipmentAnnouncements implements AutoCloseable {

	/** The shipment announced. */
	public static final String SHIPMENT = "80000001";

	private static final String DOCUMENTS = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	// a transfer posting of one piece of a batch on shipment 80000001 (321 quality
	// inspection to unrestricted, 322 back)
	private static final String QUALITY_DECISION = """
			{"to_MaterialDocumentItem":{"results":[{"Material":"FG-130","Plant":"1000","StorageLocation":"0003",
			 "Batch":"FC260201","GoodsMovementType":"%s","QuantityInEntryUnit":"1"}]}}""";

	private static final Duration WITHIN = Duration.ofSeconds(60);

	private final ErpSimulator erp;

	private final List<String> published = new CopyOnWriteArrayList<>();

	private final Map<String, String> state = new ConcurrentHashMap<>();

	private final AtomicBoolean reading = new AtomicBoolean(true);

	private final AtomicBoolean caughtUp = new AtomicBoolean();

	private final Thread follower;

	/**
	 * Starts following the platform's shipment events.
	 * @param platform the platform
	 */
	public ShipmentAnnouncements(Platform platform) {
		this.erp = ErpSimulator.at(platform.url("erp-simulator"));
		this.follower = new Thread(() -> follow(platform.kafkaBootstrap()), "shipment-announcements");
		this.follower.start();
	}

	/**
	 * Withdraws the shipment's readiness and gives it back, and waits for its new
	 * announcement.
	 * @return the new announcement's id
	 */
	public String announceAgain() {
		// what was published before is read first: the next announcement is a new one
		await(this.caughtUp::get, "the shipment events published so far read");
		int seen = this.published.size();
		this.erp.write(HttpMethod.POST, DOCUMENTS, "A_MaterialDocumentHeader", QUALITY_DECISION.formatted("322"));
		await(() -> !this.state.getOrDefault("shipment/" + SHIPMENT, "R").contains("R"),
				"the change feed sees shipment " + SHIPMENT + " withdrawn");
		this.erp.write(HttpMethod.POST, DOCUMENTS, "A_MaterialDocumentHeader", QUALITY_DECISION.formatted("321"));
		await(() -> this.published.size() > seen, "shipment " + SHIPMENT + " announced ready again");
		return this.published.get(this.published.size() - 1);
	}

	/**
	 * Every announcement of the shipment read so far, in the order published.
	 * @return their ids
	 */
	public List<String> published() {
		return List.copyOf(this.published);
	}

	@Override
	public void close() throws InterruptedException {
		this.reading.set(false);
		this.follower.join(10_000);
	}

	private void follow(String bootstrap) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", bootstrap, "group.id", "announcements-" + UUID.randomUUID(),
						"auto.offset.reset", "earliest", "isolation.level", "read_committed"),
				new StringDeserializer(), new StringDeserializer())) {
			List<String> topics = List.of("millgate.shipments.events.v1", "millgate.change-feed.state");
			consumer.subscribe(topics);
			Map<TopicPartition, Long> ends = null;
			while (this.reading.get()) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
				if (ends == null && !consumer.assignment().isEmpty()) {
					ends = consumer.endOffsets(consumer.assignment());
				}
				if (ends != null && !this.caughtUp.get()) {
					this.caughtUp.set(ends.entrySet()
						.stream()
						.allMatch((end) -> consumer.position(end.getKey()) >= end.getValue()));
				}
				for (ConsumerRecord<String, String> record : records) {
					if (record.topic().equals("millgate.change-feed.state")) {
						if (record.key() != null) {
							this.state.put(record.key(), (record.value() != null) ? record.value() : "");
						}
						continue;
					}
					Header id = record.headers().lastHeader("ce_id");
					String text = (id != null) ? new String(id.value(), StandardCharsets.UTF_8) : "";
					if (text.startsWith("shipment/" + SHIPMENT + "/ready/")) {
						this.published.add(text);
					}
				}
			}
		}
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + WITHIN + ": " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
