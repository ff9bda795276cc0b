package org.millgate.testing.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;

import org.millgate.broker.BrokerSettings;
import org.millgate.broker.EmbeddedBroker;

/**
 * A real Kafka for the products' event tests: the platform's own embedded broker
 * (event-broker's {@link EmbeddedBroker}, the code {@code ./millgate start} runs), in the
 * test JVM, on free loopback ports and a directory of its own; its bootstrap servers are
 * the system property {@value #BOOTSTRAP_PROPERTY}. A drill stops it and starts it again
 * on the same ports and directory, as a broker that went away and came back. Needs
 * {@code event-broker} on the test class path.
 */
public final class TestKafka {

	/** The system property that carries the shared broker's bootstrap servers. */
	public static final String BOOTSTRAP_PROPERTY = "millgate.test.kafka-bootstrap";

	private static TestKafka shared;

	private final BrokerSettings settings;

	private EmbeddedBroker broker;

	private TestKafka(BrokerSettings settings) {
		this.settings = settings;
	}

	/**
	 * The broker the tests of a JVM share, started on first use.
	 * @return the running broker
	 */
	public static synchronized TestKafka shared() {
		if (shared == null) {
			// a fatal fault of the broker must fail the test, not halt the test JVM
			Exit.setExitProcedure((status, message) -> {
				throw new IllegalStateException("Kafka wanted to exit (" + status + "): " + message);
			});
			Exit.setHaltProcedure((status, message) -> {
				throw new IllegalStateException("Kafka wanted to halt (" + status + "): " + message);
			});
			try {
				shared = new TestKafka(new BrokerSettings("", freePort(), freePort(),
						Files.createTempDirectory("millgate-test-kafka")));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			shared.start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
			System.setProperty(BOOTSTRAP_PROPERTY, shared.bootstrap());
		}
		return shared;
	}

	/**
	 * Its bootstrap servers.
	 * @return e.g. {@code 127.0.0.1:40123}
	 */
	public String bootstrap() {
		return this.settings.bootstrap();
	}

	/**
	 * Starts the broker (again) on its ports and directory.
	 */
	public synchronized void start() {
		if (this.broker == null) {
			EmbeddedBroker started = new EmbeddedBroker(this.settings);
			started.start();
			this.broker = started;
		}
	}

	/**
	 * Stops the broker, as a broker that went away; {@link #start()} brings it back.
	 */
	public synchronized void stop() {
		if (this.broker != null) {
			this.broker.stop();
			this.broker = null;
		}
	}

	/**
	 * Reads records of a topic from its beginning, as a consumer of the platform's events
	 * does, until the wanted number arrived or the time is up.
	 * @param topic the topic
	 * @param wanted how many records to wait for
	 * @param within how long to wait at most
	 * @return the records read
	 */
	public List<ConsumerRecord<String, String>> read(String topic, int wanted, Duration within) {
		return readUntil(topic, (records) -> records.size() >= wanted, within);
	}

	/**
	 * Reads records of a topic from its beginning until what was read is enough or the
	 * time is up.
	 * @param topic the topic
	 * @param enough whether the records read so far suffice
	 * @param within how long to wait at most
	 * @return the records read
	 */
	public List<ConsumerRecord<String, String>> readUntil(String topic,
			Predicate<List<ConsumerRecord<String, String>>> enough, Duration within) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ConsumerConfig.GROUP_ID_CONFIG,
						"test-reader-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						// what a consumer of the platform's events does: records of an
						// aborted
						// or still open transaction (the change feed's) are never read
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + within.toNanos();
			while (!enough.test(records) && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(250)).forEach(records::add);
			}
		}
		return records;
	}

	/**
	 * Creates a topic unless it exists, as the platform's producers do before their first
	 * event (the broker creates none on first use).
	 * @param topic the topic
	 * @param partitions its partitions
	 */
	public void createTopic(String topic, int partitions) {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("could not create " + topic + ": " + ex.getMessage(), ex);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not create " + topic + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Sends one record, as a producer of the platform would, and waits for Kafka's
	 * acknowledgement.
	 * @param topic the topic
	 * @param key the key
	 * @param value the value
	 */
	public void send(String topic, String key, String value) {
		send(topic, key, value, Map.of());
	}

	/**
	 * Sends one record with headers (an event's {@code ce_} attributes), as a producer of
	 * the platform would, and waits for Kafka's acknowledgement.
	 * @param topic the topic
	 * @param key the key
	 * @param value the value
	 * @param headers the headers, as UTF-8 text
	 */
	public void send(String topic, String key, String value, Map<String, String> headers) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
			headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not send to " + topic + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Publishes a change feed watermark, as the feed does once it has published every
	 * change of a source up to that time.
	 * @param topic the feed's watermark topic
	 * @param source the source, e.g. {@code orders}
	 * @param upTo the ERP change time
	 */
	public void watermark(String topic, String source, Instant upTo) {
		send(topic, source, upTo.toString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
