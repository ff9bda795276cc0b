package org.millgate.orders;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import org.millgate.orders.idempotency.Claim;
import org.millgate.orders.idempotency.RedisIdempotencyStore;
import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.OutboxEvent;
import org.millgate.testing.redis.LocalRedisCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idempotency keys and the outbox on a real Redis Cluster: a booking's answer, its
 * event and the event's marker are written by one script, which a cluster runs only on
 * keys of one hash slot.
 */
class RedisTopologyConfigurationTests {

	@TempDir
	Path directory;

	@Test
	void should_claim_complete_and_relay_a_booking_on_a_redis_cluster() {
		try (LocalRedisCluster cluster = LocalRedisCluster.start(this.directory, 3, 0)) {
			LettuceConnectionFactory connections = RedisTopologyConfiguration.connectionFactory(cluster.url());
			connections.afterPropertiesSet();
			connections.start();
			try {
				ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(connections);
				RedisIdempotencyStore store = RedisIdempotencyStore.inNamespace(redis, Duration.ofHours(1),
						Duration.ofSeconds(30), "run-" + UUID.randomUUID(), true);
				String key = "mes-plant-1000:" + UUID.randomUUID();
				OutboxEvent event = new OutboxEvent("millgate.production-orders.events.v1", "1000001",
						"confirmation/4711-1", "/millgate/production-order-api",
						"dev.millgate.production-orders.order-confirmed", "1000001", Instant.now(), "schema",
						"correlation", null, "{}");

				assertThat(store.claim(key, "fp").block()).isInstanceOf(Claim.Fresh.class);
				store.complete(key, "fp", 201, "{\"confirmationId\":\"4711-1\"}", event).block();
				store.complete(key, "fp", 201, "{\"confirmationId\":\"4711-1\"}", event).block();

				assertThat(store.claim(key, "fp").block())
					.isEqualTo(new Claim.Replay(201, "{\"confirmationId\":\"4711-1\"}"));
				EventOutbox outbox = store.outbox();
				List<EventOutbox.Pending> pending = outbox.next(10);
				assertThat(pending).as("the booking's event, once").hasSize(1);
				assertThat(pending.get(0).event().id()).isEqualTo("confirmation/4711-1");
			}
			finally {
				connections.destroy();
			}
		}
	}

}
