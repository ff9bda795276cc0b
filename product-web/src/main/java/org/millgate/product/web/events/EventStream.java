package org.millgate.product.web.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.paging.Cursors;
import org.millgate.contracts.problems.Rejection;
import org.millgate.web.JsonText;

/**
 * An event product's events over HTTP, for clients without a Kafka client: a page of the
 * topic's committed records from a cursor (the next offset of every partition, signed),
 * as CloudEvents in structured JSON, only those the caller may see, with the cursor to
 * read on from. Long polling: a page without events waits up to the given time for the
 * next one. Each read uses a consumer of its own, without a consumer group (the cursor is
 * the position), on a worker thread, never an event loop.
 */
public final class EventStream {

	// records looked at per read at most: a caller that sees few of many events gets an
	// empty page and reads on, rather than one long read
	private static final int SCAN = 5_000;

	private final String topic;

	private final Map<String, Object> config;

	private final Cursors cursors;

	/**
	 * A stream of one topic.
	 * @param topic the event product's topic
	 * @param bootstrap the Kafka bootstrap servers
	 * @param client more Kafka client settings (security)
	 * @param cursors signs the cursors
	 */
	public EventStream(String topic, String bootstrap, Map<String, String> client, Cursors cursors) {
		this.topic = topic;
		this.config = new HashMap<>(client);
		this.config.put("bootstrap.servers", bootstrap);
		this.config.put("isolation.level", "read_committed");
		this.config.put("enable.auto.commit", false);
		this.config.put("auto.offset.reset", "earliest");
		this.config.put("default.api.timeout.ms", 5000);
		this.config.put("request.timeout.ms", 5000);
		this.config.put("max.poll.records", 500);
		this.cursors = cursors;
	}

	/**
	 * The next page of the events a caller may see, as a product's event operation
	 * answers it ({@code items}, {@code nextCursor}): events of the plants the caller
	 * sees (a partner token without plants is limited by {@code more} alone), of one
	 * plant when asked, and those {@code more} lets through.
	 * @param caller who asks
	 * @param plant only this plant's events, or null; a plant the caller does not see is
	 * {@code resource.notFound}
	 * @param from {@code earliest} or {@code latest}, where reading starts without a
	 * cursor
	 * @param wait seconds a page without events waits for the next one
	 * @param limit at most this many events
	 * @param cursor where the previous page ended, or null
	 * @param more what else an event must meet (its data), e.g. a partner's ship-to party
	 * @return the answer
	 */
	public Mono<Map<String, Object>> page(Caller caller, String plant, String from, int wait, int limit, String cursor,
			Predicate<JsonNode> more) {
		if (plant != null && !caller.reachedThroughPartnerOnly() && !caller.sees(plant)) {
			// as the gateway answers it: a plant out of reach does not exist for the
			// caller
			return Mono.error(new Rejection("resource.notFound", "No plant '" + plant + "' is visible to the caller."));
		}
		String query = "events&plant=" + ((plant != null) ? plant : "") + "&limit=" + limit;
		return read(query, cursor, "latest".equals(from), limit, Duration.ofSeconds(wait), (event) -> {
			JsonNode data = (JsonNode) event.get("data");
			String eventPlant = data.path("plant").asString("");
			if (plant != null && !plant.equals(eventPlant)) {
				return false;
			}
			if (!caller.reachedThroughPartnerOnly() && !caller.sees(eventPlant)) {
				return false;
			}
			return more.test(data);
		}).map((page) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("items", page.items());
			json.put("nextCursor", page.nextCursor());
			return json;
		});
	}

	/**
	 * The next page.
	 * @param query the request's filters as a stable text: a cursor is valid with the
	 * same filters only
	 * @param cursor where the previous page ended, or null
	 * @param latest without a cursor: start at the newest event rather than the oldest
	 * @param limit at most this many events
	 * @param wait how long a page without events waits for the next one
	 * @param visible which events the caller may see (the event as structured JSON)
	 * @return the page; {@code cursor.invalid} for a cursor not issued here for these
	 * filters, {@link Unavailable} while Kafka cannot be read
	 */
	public Mono<Page> read(String query, String cursor, boolean latest, int limit, Duration wait,
			Predicate<Map<String, Object>> visible) {
		Map<Integer, Long> from = (cursor != null) ? position(query, cursor) : null;
		return Mono.fromCallable(() -> page(query, from, latest, limit, wait, visible))
			.subscribeOn(Schedulers.boundedElastic());
	}

	private Page page(String query, Map<Integer, Long> from, boolean latest, int limit, Duration wait,
			Predicate<Map<String, Object>> visible) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(this.config, new StringDeserializer(),
				new StringDeserializer())) {
			List<PartitionInfo> partitions = consumer.partitionsFor(this.topic, Duration.ofSeconds(5));
			if (partitions == null || partitions.isEmpty()) {
				throw new Unavailable("the topic " + this.topic + " does not exist (yet)");
			}
			List<TopicPartition> assigned = partitions.stream()
				.map((info) -> new TopicPartition(this.topic, info.partition()))
				.toList();
			consumer.assign(assigned);
			Map<Integer, Long> next = new TreeMap<>();
			if (from == null) {
				Map<TopicPartition, Long> start = latest ? consumer.endOffsets(assigned, Duration.ofSeconds(5))
						: consumer.beginningOffsets(assigned, Duration.ofSeconds(5));
				start.forEach((partition, offset) -> {
					consumer.seek(partition, offset);
					next.put(partition.partition(), offset);
				});
			}
			else {
				Map<TopicPartition, Long> beginning = consumer.beginningOffsets(assigned, Duration.ofSeconds(5));
				for (TopicPartition partition : assigned) {
					// an offset the retention removed since: its earliest kept event
					long offset = Math.max(from.getOrDefault(partition.partition(), 0L), beginning.get(partition));
					consumer.seek(partition, offset);
					next.put(partition.partition(), offset);
				}
			}
			List<Map<String, Object>> items = new ArrayList<>();
			long deadline = System.nanoTime() + wait.toNanos();
			int scanned = 0;
			boolean caughtUp = false;
			while (items.size() < limit && scanned < SCAN) {
				List<ConsumerRecord<String, String>> records = new ArrayList<>();
				consumer.poll(Duration.ofMillis(caughtUp ? 200 : 100)).forEach(records::add);
				// in offset order within each partition; a page stops at its limit
				// without
				// skipping: the next page goes on after the last event taken
				for (ConsumerRecord<String, String> record : records) {
					if (items.size() >= limit) {
						break;
					}
					scanned++;
					next.put(record.partition(), record.offset() + 1);
					Map<String, Object> event = event(record);
					if (event != null && visible.test(event)) {
						items.add(event);
					}
				}
				if (items.size() >= limit) {
					break;
				}
				boolean atEnd = atEnd(consumer, assigned);
				if (atEnd) {
					caughtUp = true;
					if (!items.isEmpty() || System.nanoTime() >= deadline) {
						break;
					}
				}
			}
			List<String> position = new ArrayList<>();
			next.forEach((partition, offset) -> position.add(partition + ":" + offset));
			return new Page(items, this.cursors.issue(query, List.of(String.join(",", position))));
		}
		catch (KafkaException ex) {
			throw new Unavailable(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	// whether the consumer has read everything committed so far
	private static boolean atEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
		return partitions.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
	}

	private Map<Integer, Long> position(String query, String cursor) {
		String position = this.cursors.position(query, cursor, 1).get(0);
		Map<Integer, Long> offsets = new HashMap<>();
		try {
			for (String entry : position.split(",")) {
				int colon = entry.indexOf(':');
				offsets.put(Integer.parseInt(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)));
			}
		}
		catch (RuntimeException ex) {
			throw Cursors.invalid();
		}
		return offsets;
	}

	// the record as a CloudEvent in structured JSON; null for a record that is none
	private static Map<String, Object> event(ConsumerRecord<String, String> record) {
		Map<String, String> headers = new HashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		if (!headers.containsKey("ce_id") || !headers.containsKey("ce_type") || record.value() == null) {
			return null;
		}
		JsonNode data;
		try {
			data = JsonText.read(record.value().getBytes(StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (!data.isObject()) {
			return null;
		}
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("specversion", headers.getOrDefault("ce_specversion", "1.0"));
		event.put("id", headers.get("ce_id"));
		event.put("source", headers.get("ce_source"));
		event.put("type", headers.get("ce_type"));
		event.put("subject", headers.get("ce_subject"));
		event.put("time", headers.get("ce_time"));
		event.put("datacontenttype", "application/json");
		putIfPresent(event, "dataschema", headers.get("ce_dataschema"));
		putIfPresent(event, "correlationid", headers.get("ce_correlationid"));
		putIfPresent(event, "traceparent", headers.get("ce_traceparent"));
		event.put("data", data);
		return event;
	}

	private static void putIfPresent(Map<String, Object> event, String name, String value) {
		if (value != null) {
			event.put(name, value);
		}
	}

	/**
	 * A page of events.
	 *
	 * @param items the events, each a CloudEvent in structured JSON ({@code data} a JSON
	 * tree)
	 * @param nextCursor where to read on
	 */
	public record Page(List<Map<String, Object>> items, String nextCursor) {

		public Page {
			items = List.copyOf(items);
		}

	}

	/**
	 * Kafka cannot be read now: {@code 503 events.unavailable}.
	 */
	public static final class Unavailable extends RuntimeException {

		Unavailable(String message) {
			super(message, null, false, false);
		}

	}

}
