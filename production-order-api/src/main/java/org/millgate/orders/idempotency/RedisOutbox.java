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
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStreamOperations;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.OutboxEvent;

/**
 * The outbox as a Redis stream, shared by every instance: the idempotency store's script
 * adds a booking's event with the booking's answer; the relays of all instances read it
 * as one consumer group, each taking its own share; an event a relay took and did not
 * deliver within {@value #ABANDONED_AFTER_SECONDS} s (its instance died) is taken over by
 * another. Read by the relay's own thread only (blocking there, never on an event loop).
 */
final class RedisOutbox implements EventOutbox {

	static final String STREAM = "millgate:outbox:production-orders";

	static final String GROUP = "relay";

	static final long ABANDONED_AFTER_SECONDS = 30;

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ReactiveStreamOperations<String, String, String> stream;

	private final String consumer = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID();

	private final String key;

	private volatile boolean grouped;

	RedisOutbox(ReactiveStringRedisTemplate redis, String key) {
		this.stream = redis.opsForStream();
		this.key = key;
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
	public List<Pending> next(int max) {
		group();
		Consumer me = Consumer.from(GROUP, this.consumer);
		// what this relay took and has not delivered yet, first
		List<Pending> next = pending(this.stream
			.read(me, StreamReadOptions.empty().count(max), StreamOffset.create(this.key, ReadOffset.from("0")))
			.collectList()
			.block(WAIT));
		if (next.isEmpty()) {
			next = abandoned(max);
		}
		if (next.isEmpty()) {
			next = pending(this.stream
				.read(me, StreamReadOptions.empty().count(max),
						StreamOffset.create(this.key, ReadOffset.lastConsumed()))
				.collectList()
				.block(WAIT));
		}
		return next;
	}

	// what another relay took and left for longer than it may: its instance died
	private List<Pending> abandoned(int max) {
		var pending = this.stream.pending(this.key, GROUP, Range.unbounded(), max).block(WAIT);
		if (pending == null || pending.isEmpty()) {
			return List.of();
		}
		List<RecordId> stale = new ArrayList<>();
		for (PendingMessage message : pending) {
			if (message.getElapsedTimeSinceLastDelivery().toSeconds() >= ABANDONED_AFTER_SECONDS) {
				stale.add(message.getId());
			}
		}
		if (stale.isEmpty()) {
			return List.of();
		}
		return pending(this.stream
			.claim(this.key, GROUP, this.consumer, Duration.ofSeconds(ABANDONED_AFTER_SECONDS),
					stale.toArray(RecordId[]::new))
			.collectList()
			.block(WAIT));
	}

	private static List<Pending> pending(List<MapRecord<String, String, String>> records) {
		List<Pending> next = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, String, String> record : records) {
				Map<String, String> fields = record.getValue();
				next.add(new Pending(record.getId().getValue(), read(fields.get("event"))));
			}
		}
		return next;
	}

	@Override
	public void delivered(List<String> ids) {
		RecordId[] records = ids.stream().map(RecordId::of).toArray(RecordId[]::new);
		this.stream.acknowledge(this.key, GROUP, records).block(WAIT);
		this.stream.delete(this.key, records).block(WAIT);
	}

	@Override
	public long waiting() {
		Long size = this.stream.size(this.key).block(WAIT);
		return (size != null) ? size : 0;
	}

	// another instance made the group first
	private static boolean groupExists(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("BUSYGROUP")) {
				return true;
			}
		}
		return false;
	}

	private void group() {
		if (this.grouped) {
			return;
		}
		try {
			this.stream.createGroup(this.key, ReadOffset.from("0"), GROUP).block(WAIT);
		}
		catch (RedisSystemException ex) {
			if (!groupExists(ex)) {
				throw ex;
			}
		}
		this.grouped = true;
	}

}
