package org.millgate.orders.idempotency;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
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
	void should_keep_a_bookings_event_with_its_answer_until_the_relay_holding_the_lease_delivered_it() {
		String stream = "millgate:outbox:test:" + UUID.randomUUID();
		RedisIdempotencyStore withOutbox = new RedisIdempotencyStore(redis, Duration.ofHours(1), Duration.ofSeconds(30),
				stream);
		String key = "client:" + UUID.randomUUID();
		withOutbox.claim(key, "fp").block();
		OutboxEvent event = event("confirmation/4711-1");

		withOutbox.complete(key, "fp", 201, "{}", event).block();

		assertThat(withOutbox.claim(key, "fp").block()).isEqualTo(new Claim.Replay(201, "{}"));
		RedisOutbox first = new RedisOutbox(redis, stream, Duration.ofMillis(700));
		RedisOutbox second = new RedisOutbox(redis, stream, Duration.ofMillis(700));
		assertThat(first.waiting()).isOne();
		List<EventOutbox.Pending> taken = first.next(10);
		assertThat(taken).extracting(EventOutbox.Pending::event).containsExactly(event);
		// one relay at a time: the second waits while the first holds the lease
		assertThat(second.next(10)).isEmpty();
		assertThat(first.held()).isTrue();

		// the first relay stops renewing (its instance died): the second takes over, and
		// delivers the event the first did not take out
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !second.next(10).isEmpty());
		List<EventOutbox.Pending> takenOver = second.next(10);
		assertThat(takenOver).extracting(EventOutbox.Pending::event).containsExactly(event);
		assertThat(first.held()).as("the lease is the second's now").isFalse();
		second.delivered(List.of(takenOver.get(0).id()));

		assertThat(second.waiting()).isZero();
		assertThat(second.next(10)).isEmpty();
		redis.delete(stream, stream + ":lease", stream + ":seen:confirmation/4711-1").block();
	}

	@Test
	void should_keep_a_dead_letter_aside_with_its_reason_until_an_operator_requeues_it() {
		String stream = "millgate:outbox:test:" + UUID.randomUUID();
		RedisOutbox outbox = new RedisOutbox(redis, stream);
		OutboxEvent event = event("confirmation/4711-2");
		outbox.append(event);
		EventOutbox.Pending pending = outbox.next(10).get(0);

		outbox.deadLettered(pending, "RecordTooLargeException: too large");

		assertThat(outbox.waiting()).isZero();
		List<EventOutbox.DeadLetter> dead = outbox.deadLetters();
		assertThat(dead).singleElement().satisfies((letter) -> {
			assertThat(letter.event()).isEqualTo(event);
			assertThat(letter.reason()).isEqualTo("RecordTooLargeException: too large");
		});
		assertThat(outbox.requeue("0-0")).as("no dead letter of that id").isFalse();
		assertThat(outbox.requeue("not-an-id")).isFalse();

		assertThat(outbox.requeue(dead.get(0).id())).isTrue();

		assertThat(outbox.deadLetters()).isEmpty();
		assertThat(outbox.next(10)).extracting(EventOutbox.Pending::event).containsExactly(event);
		redis.delete(stream, stream + ":dead", stream + ":lease").block();
	}

	@Test
	void should_keep_the_event_of_one_booking_once_even_when_a_retry_completes_it_again() {
		String stream = "millgate:outbox:test:" + UUID.randomUUID();
		RedisIdempotencyStore withOutbox = new RedisIdempotencyStore(redis, Duration.ofHours(1), Duration.ofSeconds(30),
				stream);
		OutboxEvent event = event("confirmation/4711-2");
		for (String key : List.of("client:" + UUID.randomUUID(), "client:" + UUID.randomUUID())) {
			withOutbox.claim(key, "fp").block();
			withOutbox.complete(key, "fp", 201, "{}", event).block();
		}

		assertThat(withOutbox.outbox().waiting()).isOne();
		redis.delete(stream, stream + ":seen:confirmation/4711-2").block();
	}

	@Test
	void should_keep_the_keys_and_events_of_each_namespace_apart() {
		// two runs of a simulated ERP that numbers its confirmations from its seed again
		String earlier = "run-" + UUID.randomUUID();
		String later = "run-" + UUID.randomUUID();
		RedisIdempotencyStore first = RedisIdempotencyStore.inNamespace(redis, Duration.ofHours(1),
				Duration.ofSeconds(30), earlier);
		RedisIdempotencyStore second = RedisIdempotencyStore.inNamespace(redis, Duration.ofHours(1),
				Duration.ofSeconds(30), later);
		String key = "client:" + UUID.randomUUID();
		OutboxEvent event = event("confirmation/4711-3");
		first.claim(key, "fp").block();
		first.complete(key, "fp", 201, "{}", event).block();

		assertThat(second.claim(key, "fp").block()).as("the later run's key is its own")
			.isInstanceOf(Claim.Fresh.class);
		second.complete(key, "fp", 201, "{}", event).block();
		assertThat(second.outbox().waiting()).as("not taken for the earlier run's booking").isOne();
		assertThat(first.outbox().waiting()).isOne();
		for (String namespace : List.of(earlier, later)) {
			String stream = "millgate:outbox:production-orders:" + namespace;
			redis
				.delete(stream, stream + ":seen:confirmation/4711-3",
						"millgate:idempotency:production-orders:" + namespace + ":" + key)
				.block();
		}
	}

	private static OutboxEvent event(String id) {
		return new OutboxEvent("millgate.production-orders.events.v1", "1000001", id, "/millgate/production-order-api",
				"dev.millgate.production-orders.order-confirmed", "1000001", Instant.parse("2026-12-05T08:00:00Z"),
				null, "line-4-call-000042", null, "{\"orderId\":\"1000001\"}");
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
	void should_keep_an_answer_when_a_late_abandon_arrives() {
		String key = "client:" + UUID.randomUUID();
		store.claim(key, "fp").block();
		store.complete(key, "fp", 201, "{\"confirmationId\":\"1-1\"}", null).block();

		store.abandon(key).block();

		assertThat(store.claim(key, "fp").block()).isEqualTo(new Claim.Replay(201, "{\"confirmationId\":\"1-1\"}"));
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
