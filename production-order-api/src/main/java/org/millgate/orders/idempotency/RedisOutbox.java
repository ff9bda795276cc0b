package org.millgate.orders.idempotency;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.ReactiveStreamOperations;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.OutboxEvent;

/**
 * The outbox as a Redis stream, shared by every instance: the idempotency store's script
 * adds a booking's event with the booking's answer. One relay at a time reads it, the one
 * holding the outbox's lease (renewed before every delivery; {@value #LEASE_SECONDS} s
 * without renewal and another instance's relay takes over): so the events leave in the
 * order they were booked, the oldest first, whichever instance booked them. An event
 * leaves the stream once delivered; the one a relay delivered and could not take out
 * before it died is delivered again by the next (at least once, in order). Read by the
 * relay's own thread only (blocking there, never on an event loop).
 */
final class RedisOutbox implements EventOutbox {

	static final String STREAM = "millgate:outbox:production-orders";

	static final long LEASE_SECONDS = 15;

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// take the lease when free, renew it when held by this relay
	private static final RedisScript<Long> LEASE = RedisScript.of("""
			local holder = redis.call('GET', KEYS[1])
			if holder == false then
			  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			  return 1
			elseif holder == ARGV[1] then
			  redis.call('PEXPIRE', KEYS[1], ARGV[2])
			  return 1
			end
			return 0
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveStreamOperations<String, String, String> stream;

	private final String key;

	private final String relay = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID();

	private final Duration lease;

	RedisOutbox(ReactiveStringRedisTemplate redis, String key) {
		this(redis, key, Duration.ofSeconds(LEASE_SECONDS));
	}

	RedisOutbox(ReactiveStringRedisTemplate redis, String key, Duration lease) {
		this.redis = redis;
		this.stream = redis.opsForStream();
		this.key = key;
		this.lease = lease;
	}

	static String write(OutboxEvent event) {
		ObjectNode json = JSON.createObjectNode()
			.put("topic", event.topic())
			.put("key", event.key())
			.put("id", event.id())
			.put("source", event.source())
			.put("type", event.type())
			.put("subject", event.subject())
			.put("time", event.time().toString())
			.put("dataschema", event.dataschema())
			.put("correlationId", event.correlationId())
			.put("traceparent", event.traceparent())
			.put("data", event.data());
		return json.toString();
	}

	static OutboxEvent read(String text) {
		JsonNode json = JSON.readTree(text);
		return new OutboxEvent(json.path("topic").asString(), json.path("key").asString(), json.path("id").asString(),
				json.path("source").asString(), json.path("type").asString(), json.path("subject").asString(),
				Instant.parse(json.path("time").asString()), text(json, "dataschema"), text(json, "correlationId"),
				text(json, "traceparent"), json.path("data").asString());
	}

	private static String text(JsonNode json, String field) {
		JsonNode value = json.path(field);
		return (value.isNull() || value.isMissingNode()) ? null : value.asString();
	}

	@Override
	public boolean held() {
		Long held = this.redis
			.execute(LEASE, List.of(this.key + ":lease"), List.of(this.relay, Long.toString(this.lease.toMillis())))
			.next()
			.block(WAIT);
		return held != null && held == 1L;
	}

	@Override
	public void append(OutboxEvent event) {
		this.stream.add(MapRecord.create(this.key, Map.of("event", write(event)))).block(WAIT);
	}

	@Override
	public List<Pending> next(int max) {
		if (!held()) {
			return List.of();
		}
		List<MapRecord<String, String, String>> records = this.stream
			.range(this.key, Range.unbounded(), Limit.limit().count(max))
			.collectList()
			.block(WAIT);
		List<Pending> next = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, String, String> record : records) {
				next.add(new Pending(record.getId().getValue(), read(record.getValue().get("event"))));
			}
		}
		return next;
	}

	@Override
	public void delivered(List<String> ids) {
		this.stream.delete(this.key, ids.stream().map(RecordId::of).toArray(RecordId[]::new)).block(WAIT);
	}

	/**
	 * Moves an event Kafka refuses for good to the dead letters, the stream
	 * {@code <outbox>:dead} (with the reason and the time), out of the way of the events
	 * behind it.
	 */
	@Override
	public void deadLettered(Pending pending, String reason) {
		this.stream
			.add(MapRecord.create(this.key + ":dead",
					Map.of("event", write(pending.event()), "reason", reason, "at", Instant.now().toString())))
			.block(WAIT);
		this.stream.delete(this.key, RecordId.of(pending.id())).block(WAIT);
	}

	@Override
	public List<DeadLetter> deadLetters() {
		List<MapRecord<String, String, String>> records = this.stream
			.range(this.key + ":dead", Range.unbounded(), Limit.limit().count(1000))
			.collectList()
			.block(WAIT);
		List<DeadLetter> dead = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, String, String> record : records) {
				Map<String, String> fields = record.getValue();
				dead.add(new DeadLetter(record.getId().getValue(), read(fields.get("event")), fields.get("reason"),
						Instant.parse(fields.getOrDefault("at", Instant.EPOCH.toString()))));
			}
		}
		return dead;
	}

	@Override
	public boolean requeue(String id) {
		List<MapRecord<String, String, String>> records;
		try {
			records = this.stream.range(this.key + ":dead", Range.closed(id, id)).collectList().block(WAIT);
		}
		catch (RuntimeException ex) {
			// not a stream id at all
			return false;
		}
		if (records == null || records.isEmpty()) {
			return false;
		}
		this.stream.add(MapRecord.create(this.key, Map.of("event", records.get(0).getValue().get("event"))))
			.block(WAIT);
		this.stream.delete(this.key + ":dead", RecordId.of(id)).block(WAIT);
		return true;
	}

	@Override
	public long waiting() {
		Long size = this.stream.size(this.key).block(WAIT);
		return (size != null) ? size : 0;
	}

}
