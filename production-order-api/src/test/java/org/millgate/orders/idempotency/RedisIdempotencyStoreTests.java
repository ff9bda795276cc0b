package org.millgate.orders.idempotency;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.OutboxEvent;

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

		store.complete(key, "fp", 201, "{\"confirmationId\":\"1-1\"}", null).block();

		assertThat(store.claim(key, "fp").block()).isEqualTo(new Claim.Replay(201, "{\"confirmationId\":\"1-1\"}"));
		assertThat(store.claim(key, "other").block()).isInstanceOf(Claim.Mismatch.class);
		assertThat(redis.getExpire("millgate:idempotency:production-orders:" + key).block())
			.isBetween(Duration.ofHours(23), Duration.ofHours(24));
	}

	@Test
	void should_keep_a_bookings_event_with_its_answer_until_a_relay_delivered_it_and_hand_a_dead_relays_share_on()
			throws Exception {
		String stream = "millgate:outbox:test:" + UUID.randomUUID();
		RedisIdempotencyStore withOutbox = new RedisIdempotencyStore(redis, Duration.ofHours(1), Duration.ofSeconds(30),
				stream);
		String key = "client:" + UUID.randomUUID();
		withOutbox.claim(key, "fp").block();
		OutboxEvent event = new OutboxEvent("millgate.production-orders.events.v1", "1000001", "confirmation/4711-1",
				"/millgate/production-order-api", "dev.millgate.production-orders.order-confirmed", "1000001",
				Instant.parse("2026-12-05T08:00:00Z"), null, "line-4-call-000042", null, "{\"orderId\":\"1000001\"}");

		withOutbox.complete(key, "fp", 201, "{}", event).block();

		assertThat(withOutbox.claim(key, "fp").block()).isEqualTo(new Claim.Replay(201, "{}"));
		EventOutbox outbox = withOutbox.outbox();
		assertThat(outbox.waiting()).isOne();
		List<EventOutbox.Pending> taken = outbox.next(10);
		assertThat(taken).extracting(EventOutbox.Pending::event).containsExactly(event);
		// taken, not delivered: this relay gets it again, another one does not (yet)
		assertThat(outbox.next(10)).extracting(EventOutbox.Pending::id).containsExactly(taken.get(0).id());
		EventOutbox otherRelay = new RedisIdempotencyStore(redis, Duration.ofHours(1), Duration.ofSeconds(30), stream)
			.outbox();
		assertThat(otherRelay.next(10)).isEmpty();

		outbox.delivered(List.of(taken.get(0).id()));

		assertThat(outbox.waiting()).isZero();
		assertThat(outbox.next(10)).isEmpty();
		redis.delete(stream).block();
	}

	@Test
	void should_keep_no_event_for_an_answer_without_one() {
		String stream = "millgate:outbox:test:" + UUID.randomUUID();
		RedisIdempotencyStore withOutbox = new RedisIdempotencyStore(redis, Duration.ofHours(1), Duration.ofSeconds(30),
				stream);
		String key = "client:" + UUID.randomUUID();
		withOutbox.claim(key, "fp").block();

		withOutbox.complete(key, "fp", 201, "{}", null).block();

		assertThat(withOutbox.outbox().waiting()).isZero();
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
