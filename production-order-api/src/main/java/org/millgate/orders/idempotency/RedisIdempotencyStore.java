package org.millgate.orders.idempotency;

import java.time.Duration;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Keys in Redis, shared by every instance: {@code SET NX} with the in-flight time claims
 * a key atomically; the answer replaces it with the time to live.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PREFIX = "millgate:idempotency:production-orders:";

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeToLive;

	private final Duration inFlightFor;

	public RedisIdempotencyStore(ReactiveStringRedisTemplate redis, Duration timeToLive, Duration inFlightFor) {
		this.redis = redis;
		this.timeToLive = timeToLive;
		this.inFlightFor = inFlightFor;
	}

	@Override
	public Mono<Claim> claim(String key, String fingerprint) {
		ObjectNode inFlight = JSON.createObjectNode().put("fingerprint", fingerprint).put("status", 0);
		return this.redis.opsForValue()
			.setIfAbsent(PREFIX + key, inFlight.toString(), this.inFlightFor)
			.flatMap((claimed) -> claimed ? Mono.<Claim>just(new Claim.Fresh())
					: this.redis.opsForValue()
						.get(PREFIX + key)
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
	public Mono<Void> complete(String key, String fingerprint, int status, String body) {
		ObjectNode done = JSON.createObjectNode()
			.put("fingerprint", fingerprint)
			.put("status", status)
			.put("body", body);
		return this.redis.opsForValue().set(PREFIX + key, done.toString(), this.timeToLive).then();
	}

	@Override
	public Mono<Void> abandon(String key) {
		return this.redis.delete(PREFIX + key).then();
	}

	@Override
	public String kind() {
		return "redis";
	}

}
