package org.millgate.orders.idempotency;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store against the real Redis on loopback that {@code ./millgate test} makes
 * sure of.
 */
class RedisIdempotencyStoreTests {

	private static LettuceConnectionFactory connections;

	private static RedisIdempotencyStore store;

	private static ReactiveStringRedisTemplate redis;

	@BeforeAll
	static void connect() {
		String url = System.getenv().getOrDefault("MILLGATE_REDIS_URL", "redis://127.0.0.1:6379");
		URI uri = URI.create(url);
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new ReactiveStringRedisTemplate(connections);
		store = new RedisIdempotencyStore(redis, Duration.ofHours(24), Duration.ofSeconds(30));
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void should_claim_a_key_once_then_report_it_in_flight_then_replay_it() {
		String key = "client:" + UUID.randomUUID();

		assertThat(store.claim(key, "fp").block()).isInstanceOf(Claim.Fresh.class);
		assertThat(store.claim(key, "fp").block()).isInstanceOf(Claim.InFlight.class);
		assertThat(store.claim(key, "other").block()).isInstanceOf(Claim.Mismatch.class);

		store.complete(key, "fp", 201, "{\"confirmationId\":\"1-1\"}").block();

		assertThat(store.claim(key, "fp").block()).isEqualTo(new Claim.Replay(201, "{\"confirmationId\":\"1-1\"}"));
		assertThat(store.claim(key, "other").block()).isInstanceOf(Claim.Mismatch.class);
		assertThat(redis.getExpire("millgate:idempotency:production-orders:" + key).block())
			.isBetween(Duration.ofHours(23), Duration.ofHours(24));
	}

	@Test
	void should_free_an_abandoned_key() {
		String key = "client:" + UUID.randomUUID();
		store.claim(key, "fp").block();

		store.abandon(key).block();

		assertThat(store.claim(key, "fp").block()).isInstanceOf(Claim.Fresh.class);
	}

	@Test
	void should_let_exactly_one_of_many_concurrent_claims_win() {
		String key = "client:" + UUID.randomUUID();

		long fresh = Flux.range(0, 50)
			.flatMap((i) -> store.claim(key, "fp"), 50)
			.filter((claim) -> claim instanceof Claim.Fresh)
			.count()
			.block();

		assertThat(fresh).isEqualTo(1);
	}

}
