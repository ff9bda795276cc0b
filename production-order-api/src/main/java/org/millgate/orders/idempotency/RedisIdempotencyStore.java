package org.millgate.orders.idempotency;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import org.millgate.contracts.problems.Rejection;
import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.OutboxEvent;

/**
 * Keys in Redis, shared by every instance: {@code SET NX} with the in-flight time claims
 * a key atomically; the answer replaces it with the time to live, and in the same script
 * (atomically) the booking's event joins the outbox stream ({@link RedisOutbox}).
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger logger = LoggerFactory.getLogger(RedisIdempotencyStore.class);

	private static final String PREFIX = "millgate:idempotency:production-orders:";

	/** The hash tag of every key in a Redis Cluster: one slot for answers and outbox. */
	static final String CLUSTER_TAG = "{production-orders}";

	// the answer and its event, together or not at all; an event of a booking already in
	// the outbox (a retry that found the ERP's booking) is not added twice
	private static final RedisScript<Long> COMPLETE = RedisScript.of("""
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			if ARGV[3] ~= '' and redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[2]) then
			  redis.call('XADD', KEYS[2], '*', 'event', ARGV[3])
			end
			return 1
			""", Long.class);

	// only a key still in flight: never an answer
	private static final RedisScript<Long> ABANDON = RedisScript.of("""
			local stored = redis.call('GET', KEYS[1])
			if stored and cjson.decode(stored).status == 0 then
			  return redis.call('DEL', KEYS[1])
			end
			return 0
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
		return inNamespace(redis, timeToLive, inFlightFor, namespace, false);
	}

	/**
	 * A store in a namespace, as
	 * {@link #inNamespace(ReactiveStringRedisTemplate, Duration, Duration, String)},
	 * whose keys in a Redis Cluster share one hash slot: a booking's answer, its event in
	 * the outbox stream and the event's marker are written by one script, which a cluster
	 * runs only on keys of one slot. So the confirmations' keys live on one node of the
	 * cluster (the gateway's buckets spread over all).
	 * @param redis the Redis
	 * @param timeToLive how long an answer is kept
	 * @param inFlightFor how long a claim waits for its answer
	 * @param namespace the namespace; blank for the keys without one
	 * @param cluster whether the Redis is a cluster (the keys carry the hash tag
	 * {@value #CLUSTER_TAG}); a single Redis or Sentinel keeps the names it always had
	 * @return the store
	 */
	public static RedisIdempotencyStore inNamespace(ReactiveStringRedisTemplate redis, Duration timeToLive,
			Duration inFlightFor, String namespace, boolean cluster) {
		String stream = cluster ? RedisOutbox.STREAM + ":" + CLUSTER_TAG : RedisOutbox.STREAM;
		String prefix = cluster ? PREFIX + CLUSTER_TAG + ":" : PREFIX;
		if (namespace == null || namespace.isBlank()) {
			return new RedisIdempotencyStore(redis, timeToLive, inFlightFor, stream, prefix);
		}
		return new RedisIdempotencyStore(redis, timeToLive, inFlightFor, stream + ":" + namespace,
				prefix + namespace + ":");
	}

	// Redis away or between primaries (a failover): not a command it refuses for good
	// (a script across hash slots, say, which is a fault of the deployment)
	private static boolean passing(Throwable failure) {
		if (!(failure instanceof DataAccessException)) {
			return false;
		}
		if (failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (cause instanceof RedisConnectionException || message.contains("not connected")
					|| message.contains("Connection closed") || message.startsWith("READONLY")
					|| message.startsWith("LOADING") || message.startsWith("CLUSTERDOWN")
					|| message.startsWith("TRYAGAIN") || message.startsWith("MASTERDOWN")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	// a Redis away (a failover, say) is told to the caller as such: retry with the same
	// key
	private static Throwable unavailable(Throwable failure) {
		return new Rejection("idempotency.unavailable", "The store of idempotency keys cannot be reached right now; "
				+ "retry after Retry-After with the same Idempotency-Key: it is never booked twice.");
	}

	@Override
	public Mono<Claim> claim(String key, String fingerprint) {
		return claimOnce(key, fingerprint).onErrorMap(RedisIdempotencyStore::passing,
				RedisIdempotencyStore::unavailable);
	}

	private Mono<Claim> claimOnce(String key, String fingerprint) {
		ObjectNode inFlight = JSON.createObjectNode().put("fingerprint", fingerprint).put("status", 0);
		return this.redis.opsForValue()
			.setIfAbsent(this.keyPrefix + key, inFlight.toString(), this.inFlightFor)
			.flatMap((claimed) -> claimed ? Mono.<Claim>just(new Claim.Fresh())
					: this.redis.opsForValue()
						.get(this.keyPrefix + key)
						.map((stored) -> existing(stored, fingerprint))
						// Expired between the two calls: try once more.
						.switchIfEmpty(Mono.defer(() -> claimOnce(key, fingerprint))));
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
		return this.redis
			.execute(COMPLETE,
					List.of(this.keyPrefix + key, this.stream,
							this.stream + ":seen:" + ((event != null) ? event.id() : "none")),
					List.of(done.toString(), Long.toString(this.timeToLive.toMillis()),
							(event != null) ? RedisOutbox.write(event) : ""))
			.then()
			.onErrorMap(RedisIdempotencyStore::passing, RedisIdempotencyStore::unavailable);
	}

	/**
	 * Frees a key whose request failed, while it is still in flight: a key answered since
	 * (by a retry that found it free, its claim lost in a failover) keeps its answer.
	 * When Redis cannot take it now (the failure may be Redis's own), it is tried again
	 * in the background for a few seconds, so that a key is free again soon after a
	 * failover instead of in flight until it expires; a retry's newer claim it may free
	 * meanwhile is answered by the ERP's dedupe of the external id, never booked twice.
	 */
	@Override
	public Mono<Void> abandon(String key) {
		Mono<Void> delete = this.redis.execute(ABANDON, List.of(this.keyPrefix + key), List.of()).then();
		return delete.onErrorResume(RedisIdempotencyStore::passing, (failure) -> {
			delete.retryWhen(Retry.backoff(8, Duration.ofMillis(250)).maxBackoff(Duration.ofSeconds(2)))
				.subscribe(null, (gaveUp) -> logger.warn("Idempotency key {} stays in flight until it expires ({}): {}",
						key, this.inFlightFor, gaveUp.toString()));
			return Mono.empty();
		});
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
