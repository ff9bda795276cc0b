package org.millgate.broker.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.broker.BrokerSettings;
import org.millgate.broker.EmbeddedBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./millgate events} against a real broker: a consumer group's lag, a replay from
 * an event and from a time that its consumer then reads again, and the refusals an
 * operator must understand (an active group, an unknown event, a malformed time).
 */
class EventsCliTests {

	private static EmbeddedBroker broker;

	private static String bootstrap;

	private static final String TOPIC = "millgate.test.replay";

	private static Instant published;

	@BeforeAll
	static void start() throws Exception {
		int port = freePort();
		broker = new EmbeddedBroker(
				new BrokerSettings("", port, freePort(), Files.createTempDirectory("millgate-cli")));
		broker.start();
		bootstrap = "127.0.0.1:" + port;
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		published = Instant.now().minusSeconds(1);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 1; i <= 5; i++) {
				ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "1000043", "{}");
				record.headers().add("ce_id", ("event-" + i).getBytes(StandardCharsets.UTF_8));
				producer.send(record).get(30, TimeUnit.SECONDS);
			}
		}
		// the group reads everything and leaves
		assertThat(consume("mes-production-orders", 5)).containsExactly("event-1", "event-2", "event-3", "event-4",
				"event-5");
	}

	@AfterAll
	static void stop() {
		if (broker != null) {
			broker.stop();
		}
	}

	@Test
	void an_operator_sees_each_group_s_lag_and_replays_it_from_an_event_or_a_time() {
		Run groups = run("groups");
		assertThat(groups.status()).as(groups.err()).isZero();
		assertThat(groups.out()).contains("mes-production-orders").contains(TOPIC + " 0");

		Run fromEvent = run("replay", "mes-production-orders", TOPIC, "--event", "event-3");
		assertThat(fromEvent.status()).as(fromEvent.err()).isZero();
		assertThat(fromEvent.out()).contains("3 event(s) to deliver");
		assertThat(run("groups").out()).contains(TOPIC + " 3");
		assertThat(consume("mes-production-orders", 3)).containsExactly("event-3", "event-4", "event-5");

		Run fromTime = run("replay", "mes-production-orders", TOPIC, "--from", published.toString());
		assertThat(fromTime.status()).as(fromTime.err()).isZero();
		assertThat(consume("mes-production-orders", 5)).containsExactly("event-1", "event-2", "event-3", "event-4",
				"event-5");
	}

	@Test
	void a_group_with_active_consumers_an_unknown_event_and_a_malformed_time_are_refused_clearly() {
		try (KafkaConsumer<String, String> active = consumer("wms-production-orders")) {
			active.subscribe(List.of(TOPIC));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (active.assignment().isEmpty() && System.nanoTime() < deadline) {
				active.poll(Duration.ofMillis(200));
			}
			Run refused = run("replay", "wms-production-orders", TOPIC, "--from", published.toString());
			assertThat(refused.status()).isOne();
			assertThat(refused.err()).contains("active consumer").contains("stop its consumers");
		}
		Run unknown = run("replay", "mes-production-orders", TOPIC, "--event", "no-such-event");
		assertThat(unknown.status()).isOne();
		assertThat(unknown.err()).contains("no event no-such-event");
		Run malformed = run("replay", "mes-production-orders", TOPIC, "--from", "yesterday");
		assertThat(malformed.status()).isEqualTo(2);
		assertThat(malformed.err()).contains("'yesterday' is no instant");
		assertThat(run("replay").status()).isEqualTo(2);
	}

	private static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = new EventsCli(bootstrap, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8))
			.run(args);
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	// reads with the group from its committed position, commits, and leaves the group
	private static List<String> consume(String group, int wanted) {
		List<String> ids = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer(group)) {
			consumer.subscribe(List.of(TOPIC));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (ids.size() < wanted && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					Header id = record.headers().lastHeader("ce_id");
					ids.add(new String(id.value(), StandardCharsets.UTF_8));
				}
			}
			consumer.commitSync();
		}
		return ids;
	}

	private static KafkaConsumer<String, String> consumer(String group) {
		return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id", group, "auto.offset.reset",
				"earliest", "enable.auto.commit", false), new StringDeserializer(), new StringDeserializer());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private record Run(int status, String out, String err) {

	}

}
