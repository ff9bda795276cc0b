package org.millgate.orders.idempotency;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.OutboxEvent;

/**
 * Keys in Redis, shared by every instance: {@code SET NX} with the in-flight time claims
 * a key atomically; the answer replaces it with the time to live, and in the same script
 * (atomically) the booking's event joins the outbox stream ({@link RedisOutbox}).
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PREFIX = "millgate:idempotency:production-orders:";

	// the answer and its event, together or not at all; an event of a booking already in
	// the outbox (a retry that found the ERP's booking) is not added twice
	private static final RedisScript<Long> COMPLETE = RedisScript.of("""
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			if ARGV[3] ~= '' and redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[2]) then
			  redis.call('XADD', KEYS[2], '*', 'event', ARGV[3])
			end
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeToLive;

	private final Duration inFlightFor;

	private final RedisOutbox outbox;

	private final String stream;

	private final String keyPrefix;

	public RedisIdempotencyStore(ReactiveStringRedisTemplate redis, Duration timeToLive, Duration inFlightFor) {
		this(redis, timeToLive, inFlightFor, RedisOutbox.STREAM);
	}

	/**
	 * A store whose outbox is a stream of the given key (a test's own).
	 * @param redis the Redis
	 * @param timeToLive how long an answer is kept
	 * @param inFlightFor how long a claim waits for its answer
	 * @param stream the outbox stream's key
	 */
	public RedisIdempotencyStore(ReactiveStringRedisTemplate redis, Duration timeToLive, Duration inFlightFor,
			String stream) {
		this(redis, timeToLive, inFlightFor, stream, PREFIX);
	}

	private RedisIdempotencyStore(ReactiveStringRedisTemplate redis, Duration timeToLive, Duration inFlightFor,
			String stream, String keyPrefix) {
		this.keyPrefix = keyPrefix;
		this.redis = redis;
		this.timeToLive = timeToLive;
		this.inFlightFor = inFlightFor;
		this.stream = stream;
		this.outbox = new RedisOutbox(redis, stream);
	}

	/**
	 * A store whose keys, outbox stream and markers are apart from those of other
	 * namespaces in the same Redis: one per ERP whose documents it books. An ERP numbers
	 * its confirmations once, but a simulated ERP that starts from its seed again gives
	 * out the same numbers: with the namespace of its run, an earlier run's answers,
	 * events and markers are not taken for this run's.
	 * @param redis the Redis
	 * @param timeToLive how long an answer is kept
	 * @param inFlightFor how long a claim waits for its answer
	 * @param namespace the namespace; blank for the keys without one
	 * @return the store
	 */
	public static RedisIdempotencyStore inNamespace(ReactiveStringRedisTemplate redis, Duration timeToLive,
			Duration inFlightFor, String namespace) {
		if (namespace == null || namespace.isBlank()) {
			return new RedisIdempotencyStore(redis, timeToLive, inFlightFor);
		}
		return new RedisIdempotencyStore(redis, timeToLive, inFlightFor, RedisOutbox.STREAM + ":" + namespace,
				PREFIX + namespace + ":");
	}

	@Override
	public Mono<Claim> claim(String key, String fingerprint) {
		ObjectNode inFlight = JSON.createObjectNode().put("fingerprint", fingerprint).put("status", 0);
		return this.redis.opsForValue()
			.setIfAbsent(this.keyPrefix + key, inFlight.toString(), this.inFlightFor)
			.flatMap((claimed) -> claimed ? Mono.<Claim>just(new Claim.Fresh())
					: this.redis.opsForValue()
						.get(this.keyPrefix + key)
						.map((stored) -> existing(stored, fingerprint))
						// Expired between the two calls: try once more.
						.switchIfEmpty(Mono.defer(() -> claim(key, fingerprint))));
	}

	private static Claim existing(String stored, String fingerprint) {
		JsonNode entry = JSON.readTree(stored);
		if (!entry.path("fingerprint").asString("").equals(fingerprint)) {
			return new Claim.Mismatch();
		}
		int status = entry.path("status").asInt(0);
		return (status == 0) ? new Claim.InFlight() : new Claim.Replay(status, entry.path("body").asString(""));
	}

	@Override
	public Mono<Void> complete(String key, String fingerprint, int status, String body, OutboxEvent event) {
		ObjectNode done = JSON.createObjectNode()
			.put("fingerprint", fingerprint)
			.put("status", status)
			.put("body", body);
		return this.redis.execute(COMPLETE,
				List.of(this.keyPrefix + key, this.stream,
						this.stream + ":seen:" + ((event != null) ? event.id() : "none")),
				List.of(done.toString(), Long.toString(this.timeToLive.toMillis()),
						(event != null) ? RedisOutbox.write(event) : ""))
			.then();
	}

	@Override
	public Mono<Void> abandon(String key) {
		return this.redis.delete(this.keyPrefix + key).then();
	}

	@Override
	public EventOutbox outbox() {
		return this.outbox;
	}

	@Override
	public String kind() {
		return "redis";
	}

}
