package org.millgate.broker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker as the launcher runs it: the application on a free HTTP port, Kafka on free
 * loopback ports, its logs in a directory of the test's; a real Kafka producer and
 * consumer; a restart on the same directory; and the external mode, pointed at this
 * broker and at nothing.
 */
class EventBrokerTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	static Path data;

	static int kafkaPort;

	static int controllerPort;

	static ConfigurableApplicationContext broker;

	@BeforeAll
	static void start() throws IOException {
		data = Files.createTempDirectory("millgate-kafka");
		kafkaPort = freePort();
		controllerPort = freePort();
		broker = startBroker();
	}

	@AfterAll
	static void stop() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void answersHealthyWithTheClusterItServes() throws Exception {
		HttpResponse<String> health = health(broker);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "\"mode\":\"embedded\"", "\"brokers\":1",
				"\"bootstrap\":\"127.0.0.1:" + kafkaPort + "\"");
	}

	@Test
	void carriesRecordsFromARealProducerToARealConsumerInOrderPerKey() throws Exception {
		String topic = "test.orders." + System.nanoTime();
		createTopic(topic, 3);
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < 10; i++) {
				producer.send(new ProducerRecord<>(topic, "order-1000043", "event-" + i)).get(10, TimeUnit.SECONDS);
			}
		}
		List<String> received = consume(topic, 10);
		assertThat(received).containsExactly("event-0", "event-1", "event-2", "event-3", "event-4", "event-5",
				"event-6", "event-7", "event-8", "event-9");
	}

	@Test
	void exportsEachConsumerGroupsLagPerTopicForPrometheus() throws Exception {
		String topic = "test.lag." + System.nanoTime();
		String group = "test-lag-" + System.nanoTime();
		createTopic(topic, 1);
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < 10; i++) {
				producer.send(new ProducerRecord<>(topic, "k", "event-" + i)).get(10, TimeUnit.SECONDS);
			}
		}
		// the group has read four of the ten
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
						ConsumerConfig.GROUP_ID_CONFIG, group),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(4)));
		}
		String port = broker.getEnvironment().getProperty("local.server.port");
		String line = "millgate_kafka_consumer_lag_records{group=\"" + group + "\",topic=\"" + topic + "\"} 6.0";
		String metrics = "";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!metrics.contains(line) && System.nanoTime() < deadline) {
			metrics = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Thread.sleep(100);
		}
		assertThat(metrics).contains(line);
	}

	@Test
	void keepsItsRecordsAcrossARestartOnTheSameDirectory() throws Exception {
		String topic = "test.kept." + System.nanoTime();
		createTopic(topic, 1);
		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>(topic, "k", "before the restart")).get(10, TimeUnit.SECONDS);
		}
		String clusterBefore = clusterId();
		broker.close();
		broker = startBroker();
		assertThat(clusterId()).as("the same cluster, not a new format").isEqualTo(clusterBefore);
		assertThat(consume(topic, 1)).containsExactly("before the restart");
	}

	@Test
	void inExternalModeReportsTheClusterItIsPointedAtAndStartsNoBroker() throws Exception {
		int unused = freePort();
		try (ConfigurableApplicationContext external = new SpringApplicationBuilder(EventBrokerApplication.class).run(
				"--server.port=0", "--millgate.broker.external-bootstrap=127.0.0.1:" + kafkaPort,
				"--millgate.broker.port=" + unused)) {
			HttpResponse<String> health = health(external);
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"mode\":\"external\"",
					"\"bootstrap\":\"127.0.0.1:" + kafkaPort + "\"");
			assertThat(external.getBeansOfType(EmbeddedBroker.class)).isEmpty();
			assertThat(listens(unused)).as("no broker of its own").isFalse();
		}
		try (ConfigurableApplicationContext nowhere = new SpringApplicationBuilder(EventBrokerApplication.class)
			.run("--server.port=0", "--millgate.broker.external-bootstrap=127.0.0.1:" + unused)) {
			HttpResponse<String> health = health(nowhere);
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("\"status\":\"DOWN\"", "\"mode\":\"external\"");
		}
	}

	private static ConfigurableApplicationContext startBroker() {
		return new SpringApplicationBuilder(EventBrokerApplication.class).run("--server.port=0",
				"--millgate.broker.port=" + kafkaPort, "--millgate.broker.controller-port=" + controllerPort,
				"--millgate.broker.data-dir=" + data, "--millgate.broker.lag-interval=300ms");
	}

	private static HttpResponse<String> health(ConfigurableApplicationContext context) throws Exception {
		String port = context.getEnvironment().getProperty("local.server.port");
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(15))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Map<String, Object> client() {
		return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
	}

	private static void createTopic(String topic, int partitions) throws Exception {
		try (Admin admin = Admin.create(client())) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(10, TimeUnit.SECONDS);
		}
	}

	private static String clusterId() throws Exception {
		try (Admin admin = Admin.create(client())) {
			return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
		}
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
	}

	private static List<String> consume(String topic, int count) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
						ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (values.size() < count && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}

	private static boolean listens(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
