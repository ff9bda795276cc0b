package org.millgate.benchmarks.events;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.millgate.benchmarks.ErpClient;

/**
 * The events half of {@code ./millgate bench}, on a running platform: how long an event
 * takes from what causes it to a consumer that reads committed records, beside a bare
 * Kafka producer and consumer on the same broker, and how many events per second pass.
 * <ul>
 * <li>bare: a producer (acks=all, idempotent, as the platform's) and a consumer in this
 * JVM on a topic of the bench's own, paced, then as fast as it goes;</li>
 * <li>ERP change: a stock transfer posted in the ERP, until its {@code stock-transferred}
 * event arrives (the change feed: settle time, interval, the ERP read, the
 * transaction);</li>
 * <li>API confirmation: a confirmation posted through the gateway, until its
 * {@code order-confirmed} event arrives (the outbox, held until the change feed's
 * watermark has passed the booking: a confirmation never precedes its order's
 * release);</li>
 * <li>a burst of ERP changes, until every event is out: events per second through the
 * change feed.</li>
 * </ul>
 * Arguments: Kafka bootstrap, ERP base URL, gateway URL, an MES token (production orders
 * write, plant 1000), the Markdown file to write.
 */
public final class EventsBench {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String DOCUMENTS = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	private final String bootstrap;

	private final String erp;

	private final String gateway;

	private final String token;

	private final ErpClient erpClient;

	private EventsBench(String bootstrap, String erp, String gateway, String token) {
		this.bootstrap = bootstrap;
		this.erp = erp;
		this.erpClient = new ErpClient(erp);
		this.gateway = gateway;
		this.token = token;
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 5) {
			System.err.println("usage: EventsBench KAFKA-BOOTSTRAP ERP-URL GATEWAY-URL MES-TOKEN REPORT.md");
			System.exit(2);
		}
		EventsBench bench = new EventsBench(args[0], args[1], args[2], args[3]);
		List<String> lines = bench.run();
		Files.write(Path.of(args[4]), lines);
		lines.forEach(System.out::println);
	}

	private List<String> run() throws Exception {
		int paced = Integer.getInteger("millgate.bench.events.paced", 2000);
		int burst = Integer.getInteger("millgate.bench.events.burst", 50000);
		int changes = Integer.getInteger("millgate.bench.events.changes", 20);
		int confirmations = Integer.getInteger("millgate.bench.events.confirmations", 10);
		int feedBurst = Integer.getInteger("millgate.bench.events.feed-burst", 100);
		System.err.println("events: bare producer → consumer...");
		long[] bare = bareLatencies(paced);
		double bareRate = bareThroughput(burst);
		System.err.println("events: ERP changes → consumer...");
		Transfers transfers = new Transfers();
		long[] erpChanges = erpChangeLatencies(transfers, changes);
		System.err.println("events: API confirmations → consumer...");
		long[] confirmed = confirmationLatencies(confirmations);
		System.err.println("events: a burst of ERP changes through the change feed...");
		double[] feed = feedThroughput(transfers, feedBurst);
		List<String> lines = new ArrayList<>();
		lines.add("## Events (Kafka on loopback, the platform of `./millgate start`)");
		lines.add("");
		lines.add("From what causes an event until a consumer reading committed records has it, in the same run:");
		lines.add("");
		lines.add("| path | events | p50 ms | p99 ms | p50 ÷ bare p50 |");
		lines.add("|---|---|---|---|---|");
		lines.add(row("bare producer → consumer on the same broker (acks=all, idempotent), 200/s", bare, bare));
		lines.add(row("ERP change → consumer (a stock transfer; the change feed)", erpChanges, bare));
		lines.add(row("API confirmation → consumer (through the gateway; the outbox, held for the order's release)",
				confirmed, bare));
		lines.add("");
		lines.add(String.format(Locale.ROOT,
				"Throughput: bare producer → consumer %,.0f events/s (%,d events of ~500 bytes, as fast as they go). "
						+ "A burst of %d ERP changes (stock transfers posted back to back in %.1f s): the first event "
						+ "out %.1f s after the first posting, all %d within %.0f ms of the first, %,.0f events/s once "
						+ "they flow (the feed reads a page of changes per ERP call, within its budget of calls per "
						+ "minute, and publishes a page in one transaction).",
				bareRate, burst, feedBurst, feed[1], feed[2], feedBurst, feed[3], feed[0]));
		lines.add("");
		lines.add("The change feed waits until an ERP change is 5 s old (settle time, against changes the ERP "
				+ "commits late) and reads every second, so an ERP change's event takes about 5–7 s by design; a "
				+ "confirmation's event waits for the feed's watermark to pass the booking, so that it never "
				+ "precedes its order's release (the change feed's `millgate.change-feed.settle` "
				+ "shortens both where the ERP commits at once).");
		return lines;
	}

	private static String row(String path, long[] nanos, long[] bare) {
		double p50 = percentile(nanos, 0.50);
		return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.0f |", path, nanos.length, p50,
				percentile(nanos, 0.99), p50 / percentile(bare, 0.50));
	}

	// --- bare Kafka
	// -----------------------------------------------------------------------

	private long[] bareLatencies(int count) throws Exception {
		String topic = "millgate.bench.latency." + UUID.randomUUID();
		createTopic(topic);
		Map<Integer, Long> received = new ConcurrentHashMap<>();
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread consumer = consumeFromEnd(topic, reading,
				(record, now) -> received.put(Integer.parseInt(record.key()), now));
		long[] sent = new long[count];
		try (KafkaProducer<String, String> producer = producer()) {
			String value = "x".repeat(500);
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				long due = start + i * TimeUnit.MILLISECONDS.toNanos(5);
				while (System.nanoTime() < due) {
					Thread.onSpinWait();
				}
				sent[i] = System.nanoTime();
				producer.send(new ProducerRecord<>(topic, Integer.toString(i), value));
			}
			producer.flush();
		}
		awaitCount(received, count, Duration.ofSeconds(60));
		reading.set(false);
		consumer.join();
		long[] latencies = new long[count];
		for (int i = 0; i < count; i++) {
			latencies[i] = received.get(i) - sent[i];
		}
		deleteTopic(topic);
		return latencies;
	}

	private double bareThroughput(int count) throws Exception {
		String topic = "millgate.bench.throughput." + UUID.randomUUID();
		createTopic(topic);
		Map<Integer, Long> received = new ConcurrentHashMap<>();
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread consumer = consumeFromEnd(topic, reading,
				(record, now) -> received.put(Integer.parseInt(record.key()), now));
		long start;
		try (KafkaProducer<String, String> producer = producer()) {
			String value = "x".repeat(500);
			start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				producer.send(new ProducerRecord<>(topic, Integer.toString(i), value));
			}
			producer.flush();
		}
		awaitCount(received, count, Duration.ofSeconds(120));
		long last = received.values().stream().mapToLong(Long::longValue).max().orElseThrow();
		reading.set(false);
		consumer.join();
		deleteTopic(topic);
		return count / ((last - start) / 1e9);
	}

	// --- through the platform
	// ---------------------------------------------------------------

	private long[] erpChangeLatencies(Transfers transfers, int count) throws Exception {
		Map<String, Long> arrived = new ConcurrentHashMap<>();
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread consumer = consumeFromEnd("millgate.inventory.events.v1", reading,
				(record, now) -> arrived.putIfAbsent(id(record), now));
		Map<String, Long> posted = new ConcurrentHashMap<>();
		for (int i = 0; i < count; i++) {
			String id = transfers.post();
			posted.put(id, System.nanoTime());
			Thread.sleep(500);
		}
		await(() -> arrived.keySet().containsAll(posted.keySet()), Duration.ofSeconds(90), "ERP change events");
		reading.set(false);
		consumer.join();
		return posted.entrySet()
			.stream()
			.mapToLong((entry) -> arrived.get(entry.getKey()) - entry.getValue())
			.toArray();
	}

	private double[] feedThroughput(Transfers transfers, int count) throws Exception {
		Map<String, Long> arrived = new ConcurrentHashMap<>();
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread consumer = consumeFromEnd("millgate.inventory.events.v1", reading,
				(record, now) -> arrived.putIfAbsent(id(record), now));
		List<String> ids = new ArrayList<>();
		long first = System.nanoTime();
		for (int i = 0; i < count; i++) {
			ids.add(transfers.post());
		}
		long lastPosted = System.nanoTime();
		await(() -> arrived.keySet().containsAll(ids), Duration.ofSeconds(180), "the burst's events");
		long lastEvent = ids.stream().mapToLong(arrived::get).max().orElseThrow();
		reading.set(false);
		consumer.join();
		long firstEvent = ids.stream().mapToLong(arrived::get).min().orElseThrow();
		// once they flow: from the first event out to the last
		double flowing = Math.max(lastEvent - firstEvent, TimeUnit.MILLISECONDS.toNanos(1)) / 1e9;
		return new double[] { count / flowing, (lastPosted - first) / 1e9, (firstEvent - first) / 1e9,
				(lastEvent - firstEvent) / 1e6 };
	}

	private long[] confirmationLatencies(int count) throws Exception {
		JsonNode list = getJson(this.gateway + "/v1/production-orders?plant=1000&status=RELEASED&limit=50");
		String orderId = null;
		JsonNode best = null;
		double room = 0;
		for (JsonNode item : list.path("items")) {
			JsonNode order = getJson(this.gateway + "/v1/production-orders/" + item.path("orderId").asText());
			for (JsonNode operation : order.path("routing").path("operations")) {
				double left = operation.path("plannedQuantity").asDouble()
						- operation.path("confirmedYieldQuantity").asDouble()
						- operation.path("confirmedScrapQuantity").asDouble();
				if (!"CONFIRMED".equals(operation.path("status").asText()) && left > room) {
					room = left;
					best = operation;
					orderId = item.path("orderId").asText();
				}
			}
		}
		if (best == null || room < count) {
			throw new IllegalStateException("no released order in plant 1000 takes " + count + " more");
		}
		Map<String, Long> arrived = new ConcurrentHashMap<>();
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread consumer = consumeFromEnd("millgate.production-orders.events.v1", reading,
				(record, now) -> arrived.putIfAbsent(id(record), now));
		Map<String, Long> posted = new ConcurrentHashMap<>();
		String body = "{\"operation\":\"" + best.path("operation").asText()
				+ "\",\"yieldQuantity\":1,\"scrapQuantity\":0,\"unit\":\"" + best.path("unit").asText()
				+ "\",\"finalConfirmation\":false}";
		for (int i = 0; i < count; i++) {
			HttpResponse<String> response = this.erpClient.send(HttpRequest
				.newBuilder(URI.create(this.gateway + "/v1/production-orders/" + orderId + "/confirmations"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + this.token)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", "bench-" + UUID.randomUUID())
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
			long at = System.nanoTime();
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"a confirmation answered " + response.statusCode() + ": " + response.body());
			}
			posted.put("confirmation/" + JSON.readTree(response.body()).path("confirmationId").asText(), at);
			Thread.sleep(1000);
		}
		await(() -> arrived.keySet().containsAll(posted.keySet()), Duration.ofSeconds(90), "confirmation events");
		reading.set(false);
		consumer.join();
		return posted.entrySet()
			.stream()
			.mapToLong((entry) -> arrived.get(entry.getKey()) - entry.getValue())
			.toArray();
	}

	/**
	 * Stock transfers of one piece back and forth between two storage locations of a
	 * stock line with room: the ERP's stock stays as it was, every transfer is an event.
	 */
	private final class Transfers {

		private final String material;

		private final String here;

		private final String there;

		private int n;

		Transfers() throws Exception {
			JsonNode stock = getJson(
					EventsBench.this.erp + "/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod" + "?$filter="
							+ URLEncoder.encode("Plant eq '1000' and InventoryStockType eq '01' and Batch eq ''"
									+ " and InventorySpecialStockType eq '' and MatlWrhsStkQtyInMatlBaseUnit ge 10M",
									StandardCharsets.UTF_8)
								.replace("+", "%20")
							+ "&$top=1&$format=json")
				.path("d")
				.path("results")
				.path(0);
			this.material = stock.path("Material").asText();
			this.here = stock.path("StorageLocation").asText();
			this.there = this.here.equals("0001") ? "0002" : "0001";
		}

		// the event id of the posted document's item
		String post() throws Exception {
			String from = (this.n % 2 == 0) ? this.here : this.there;
			String to = (this.n % 2 == 0) ? this.there : this.here;
			this.n++;
			String json = """
					{"to_MaterialDocumentItem":{"results":[{"Material":"%s","Plant":"1000",
					 "StorageLocation":"%s","IssuingOrReceivingStorageLoc":"%s","GoodsMovementType":"311",
					 "QuantityInEntryUnit":"1"}]}}""".formatted(this.material, from, to);
			HttpResponse<String> created = EventsBench.this.erpClient.post(DOCUMENTS, "A_MaterialDocumentHeader", json);
			if (created.statusCode() != 201) {
				throw new IllegalStateException(
						"the ERP refused a transfer: " + created.statusCode() + " " + created.body());
			}
			JsonNode document = JSON.readTree(created.body()).path("d");
			return "material-document/" + document.path("MaterialDocumentYear").asText() + "/"
					+ document.path("MaterialDocument").asText() + "/0001";
		}

	}

	// --- plumbing
	// ---------------------------------------------------------------------------

	private JsonNode getJson(String url) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json");
		request.header("Authorization",
				url.startsWith(this.gateway) ? "Bearer " + this.token : this.erpClient.authorization());
		HttpResponse<String> response = this.erpClient.send(request.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private KafkaProducer<String, String> producer() {
		Properties config = new Properties();
		config.put("bootstrap.servers", this.bootstrap);
		config.put("acks", "all");
		config.put("enable.idempotence", true);
		config.put("linger.ms", 0);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	// reads only what is published from now on
	private Thread consumeFromEnd(String topic, AtomicBoolean reading, Receiver receiver) throws InterruptedException {
		AtomicBoolean positioned = new AtomicBoolean();
		Thread thread = start(topic, reading, (record, now) -> {
			if (record != null) {
				receiver.received(record, now);
			}
			else {
				positioned.set(true);
			}
		});
		await(positioned::get, Duration.ofSeconds(30), "the consumer at the end of " + topic);
		return thread;
	}

	private Thread start(String topic, AtomicBoolean reading, Receiver receiver) {
		Thread thread = new Thread(() -> {
			Properties config = new Properties();
			config.put("bootstrap.servers", this.bootstrap);
			config.put("group.id", "bench-" + UUID.randomUUID());
			config.put("isolation.level", "read_committed");
			config.put("auto.offset.reset", "earliest");
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
					new StringDeserializer())) {
				List<TopicPartition> partitions = consumer.partitionsFor(topic)
					.stream()
					.map((info) -> new TopicPartition(topic, info.partition()))
					.toList();
				consumer.assign(partitions);
				consumer.seekToEnd(partitions);
				partitions.forEach(consumer::position);
				receiver.received(null, 0);
				while (reading.get()) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
						receiver.received(record, System.nanoTime());
					}
				}
			}
		}, "bench-consumer");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private void createTopic(String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.bootstrap))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private void deleteTopic(String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.bootstrap))) {
			admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
		}
	}

	private static String id(ConsumerRecord<String, String> record) {
		Header id = record.headers().lastHeader("ce_id");
		return (id != null) ? new String(id.value(), StandardCharsets.UTF_8) : "";
	}

	private static void awaitCount(Map<Integer, Long> received, int count, Duration within)
			throws InterruptedException {
		await(() -> received.size() >= count, within, () -> count + " records (" + received.size() + " arrived)");
	}

	private static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
		await(condition, within, () -> what);
	}

	private static void await(BooleanSupplier condition, Duration within, Supplier<String> what)
			throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("not within " + within + ": " + what.get());
			}
			Thread.sleep(20);
		}
	}

	private static double percentile(long[] nanos, double p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	@FunctionalInterface
	private interface Receiver {

		void received(ConsumerRecord<String, String> record, long nanos);

	}

}
