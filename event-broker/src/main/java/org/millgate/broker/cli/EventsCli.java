package org.millgate.broker.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.LoggerFactory;

import org.millgate.broker.ConsumerGroupLag;

/**
 * {@code ./millgate events}: what an operator does with the consumers of the platform's
 * events on its Kafka.
 * <ul>
 * <li>{@code groups}: every consumer group, its state and members, and its lag per topic
 * (events published it has not read yet).</li>
 * <li>{@code replay GROUP TOPIC --from TIME}: moves the group's position on the topic
 * back (or forward) to the first event at or after an instant, on every partition, so
 * that its consumers receive those events again; {@code --event ID} to the event with
 * that {@code ce_id} (on its partition; the others from its time). Kafka moves the
 * offsets of a group without active members only: stop its consumers first.</li>
 * </ul>
 * Exit status: 0 done, 1 refused (an active group, no such event), 2 bad arguments or
 * Kafka not reachable.
 */
public final class EventsCli {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final String bootstrap;

	private final PrintStream out;

	private final PrintStream err;

	EventsCli(String bootstrap, PrintStream out, PrintStream err) {
		this.bootstrap = bootstrap;
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		// an operator's command: Kafka's clients say only what goes wrong
		if (org.slf4j.LoggerFactory
			.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.ERROR);
		}
		String bootstrap = System.getenv().getOrDefault("MILLGATE_KAFKA_BOOTSTRAP", "");
		if (bootstrap.isBlank()) {
			bootstrap = "127.0.0.1:" + System.getenv().getOrDefault("MILLGATE_KAFKA_PORT", "9092");
		}
		System.exit(new EventsCli(bootstrap, System.out, System.err).run(args));
	}

	int run(String... args) {
		if (args.length == 0) {
			return usage();
		}
		if (!answers(this.bootstrap)) {
			this.err.println("millgate events: Kafka does not answer at " + this.bootstrap
					+ " (is the platform started? ./millgate start; or set MILLGATE_KAFKA_BOOTSTRAP)");
			return 2;
		}
		try {
			return switch (args[0]) {
				case "groups" -> (args.length == 1) ? groups() : usage();
				case "replay" -> replay(args);
				default -> usage();
			};
		}
		catch (ExecutionException ex) {
			this.err.println("millgate events: Kafka at " + this.bootstrap + " refused or could not be reached: "
					+ ex.getCause().getMessage());
			return 2;
		}
		catch (KafkaException | TimeoutException ex) {
			this.err
				.println("millgate events: Kafka at " + this.bootstrap + " could not be reached: " + ex.getMessage());
			return 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 2;
		}
	}

	// whether one of the bootstrap servers accepts a connection within 2 s
	private static boolean answers(String bootstrap) {
		for (String server : bootstrap.split(",")) {
			int colon = server.lastIndexOf(':');
			if (colon < 0) {
				continue;
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(server.substring(0, colon).trim(),
						Integer.parseInt(server.substring(colon + 1).trim())), 2000);
				return true;
			}
			catch (IOException | NumberFormatException ex) {
				// the next one
			}
		}
		return false;
	}

	private int usage() {
		this.err.println(
				"""
						usage: ./millgate events groups
						       ./millgate events replay GROUP TOPIC --from TIME     (e.g. 2026-12-05T08:00:00Z)
						       ./millgate events replay GROUP TOPIC --event ID      (a ce_id, e.g. production-order/1000043/released)""");
		return 2;
	}

	private int groups() throws ExecutionException, InterruptedException, TimeoutException {
		try (Admin admin = admin()) {
			List<ConsumerGroupLag.Group> groups = ConsumerGroupLag.read(admin, TIMEOUT);
			if (groups.isEmpty()) {
				this.out.println("No consumer groups.");
				return 0;
			}
			this.out.printf("%-40s %-12s %7s  %s%n", "GROUP", "STATE", "MEMBERS",
					"LAG (events not read yet, per topic)");
			for (ConsumerGroupLag.Group group : groups) {
				List<String> lags = new ArrayList<>();
				new TreeMap<>(group.lagByTopic()).forEach((topic, events) -> lags.add(topic + " " + events));
				this.out.printf("%-40s %-12s %7d  %s%n", group.id(), group.state(), group.members(),
						lags.isEmpty() ? "-" : String.join(", ", lags));
			}
			return 0;
		}
	}

	private int replay(String[] args) throws ExecutionException, InterruptedException, TimeoutException {
		if (args.length != 5 || !(args[3].equals("--from") || args[3].equals("--event"))) {
			return usage();
		}
		String group = args[1];
		String topic = args[2];
		try (Admin admin = admin(); KafkaConsumer<String, String> consumer = consumer()) {
			ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
				.all()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
				.get(group);
			if (description != null && !description.members().isEmpty()) {
				this.err.println("millgate events: the group " + group + " has " + description.members().size()
						+ " active consumer(s) (" + description.groupState()
						+ "); Kafka moves the position of a group without active members only: stop its consumers, "
						+ "then replay again");
				return 1;
			}
			List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			if (partitions.isEmpty()) {
				this.err.println("millgate events: there is no topic " + topic);
				return 1;
			}
			Map<TopicPartition, Long> target;
			String what;
			if (args[3].equals("--from")) {
				Instant from;
				try {
					from = Instant.parse(args[4]);
				}
				catch (DateTimeParseException ex) {
					this.err
						.println("millgate events: '" + args[4] + "' is no instant; write e.g. 2026-12-05T08:00:00Z");
					return 2;
				}
				target = atTime(consumer, partitions, from);
				what = "the first event at or after " + from;
			}
			else {
				ConsumerRecord<String, String> event = find(consumer, partitions, args[4]);
				if (event == null) {
					this.err.println(
							"millgate events: no event " + args[4] + " on " + topic + " (kept for its retention only)");
					return 1;
				}
				target = atTime(consumer, partitions, Instant.ofEpochMilli(event.timestamp()));
				target.put(new TopicPartition(topic, event.partition()), event.offset());
				what = "the event " + args[4] + " (partition " + event.partition() + ", offset " + event.offset() + ")";
			}
			Map<TopicPartition, OffsetAndMetadata> before = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
			target.forEach((partition, offset) -> offsets.put(partition,
					new OffsetAndMetadata(offset, "replayed by ./millgate events replay at " + Instant.now())));
			admin.alterConsumerGroupOffsets(group, offsets).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
			long again = 0;
			for (TopicPartition partition : partitions) {
				again += Math.max(0, ends.get(partition) - target.get(partition));
			}
			this.out.println("The group " + group + " reads " + topic + " again from " + what + ": " + again
					+ " event(s) to deliver, on " + partitions.size() + " partition(s).");
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata old = before.get(partition);
				this.out.printf("  partition %d: %s -> %d (end %d)%n", partition.partition(),
						(old != null) ? Long.toString(old.offset()) : "none", target.get(partition),
						ends.get(partition));
			}
			return 0;
		}
	}

	// per partition, the offset of the first record at or after the instant, the end
	// where there is none
	private static Map<TopicPartition, Long> atTime(KafkaConsumer<String, String> consumer,
			List<TopicPartition> partitions, Instant from) {
		Map<TopicPartition, Long> query = new HashMap<>();
		partitions.forEach((partition) -> query.put(partition, from.toEpochMilli()));
		Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
		Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp at = found.get(partition);
			offsets.put(partition, (at != null) ? at.offset() : ends.get(partition));
		}
		return offsets;
	}

	private static ConsumerRecord<String, String> find(KafkaConsumer<String, String> consumer,
			List<TopicPartition> partitions, String id) {
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (System.nanoTime() < deadline
				&& partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
				Header header = record.headers().lastHeader("ce_id");
				if (header != null && id.equals(new String(header.value(), StandardCharsets.UTF_8))) {
					return record;
				}
			}
		}
		return null;
	}

	private Admin admin() {
		return Admin.create(Map.of("bootstrap.servers", this.bootstrap, "default.api.timeout.ms",
				(int) TIMEOUT.toMillis(), "request.timeout.ms", 10000));
	}

	private KafkaConsumer<String, String> consumer() {
		return new KafkaConsumer<>(
				Map.of("bootstrap.servers", this.bootstrap, "isolation.level", "read_committed", "enable.auto.commit",
						false, "default.api.timeout.ms", (int) TIMEOUT.toMillis()),
				new StringDeserializer(), new StringDeserializer());
	}

}
