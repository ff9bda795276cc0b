package org.millgate.policies.throttle;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.millgate.contracts.catalog.Priority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions, their headers and their Retry-After, the same from a bucket in this
 * instance's memory (Bucket4j) as from one shared in Redis (the store's Lua script): what
 * a client is told does not depend on whether the gateway runs alone.
 */
class RateLimitDecisionTests {

	private static final String REDIS = System.getenv()
		.getOrDefault("MILLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	private static RedisRateLimitStore redis;

	@BeforeAll
	static void connect() {
		redis = new RedisRateLimitStore(REDIS, Duration.ofSeconds(2));
		assertThat(redis.isConnected()).as("Redis at " + REDIS + " (./millgate test starts it)").isTrue();
	}

	@AfterAll
	static void close() {
		redis.close();
	}

	static Stream<RateLimitStore> stores() {
		return Stream.of(new LocalRateLimitStore(), redis);
	}

	@ParameterizedTest(autoCloseArguments = false) // the shared Redis store stays open
	@MethodSource("stores")
	void admitsTheBurstThenRefusesWithRetryAfter(RateLimitStore store) {
		PlanLimits limits = new PlanLimits("tight", Priority.LOW, 3, 1, 0);
		String key = key();
		for (int i = 2; i >= 0; i--) {
			RateLimitDecision decision = store.consume(key, limits).join();
			assertThat(decision.admitted()).isTrue();
			assertThat(decision.remaining()).isEqualTo(i);
		}
		RateLimitDecision refused = store.consume(key, limits).join();
		assertThat(refused.admitted()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		assertThat(refused.header()).isEqualTo("\"burst\";r=0;t=1");
	}

	@ParameterizedTest(autoCloseArguments = false) // the shared Redis store stays open
	@MethodSource("stores")
	void theDailyQuotaBindsWhenItIsTheSmaller(RateLimitStore store) {
		PlanLimits limits = new PlanLimits("quota", Priority.LOW, 10, 10, 2);
		String key = key();
		RateLimitDecision first = store.consume(key, limits).join();
		assertThat(first.policy()).isEqualTo("daily");
		assertThat(first.remaining()).isOne();
		RateLimitDecision second = store.consume(key, limits).join();
		assertThat(second.policy()).isEqualTo("daily");
		assertThat(second.remaining()).isZero();
		assertThat(second.resetSeconds()).isBetween(86_000L, 86_400L);
		RateLimitDecision third = store.consume(key, limits).join();
		assertThat(third.admitted()).isFalse();
		assertThat(third.retryAfterSeconds()).isBetween(86_000L, 86_400L);
	}

	@ParameterizedTest(autoCloseArguments = false) // the shared Redis store stays open
	@MethodSource("stores")
	void keysAreSeparateBuckets(RateLimitStore store) {
		PlanLimits limits = new PlanLimits("one", Priority.LOW, 1, 1, 0);
		String a = key();
		String b = key();
		assertThat(store.consume(a, limits).join().admitted()).isTrue();
		assertThat(store.consume(b, limits).join().admitted()).isTrue();
		assertThat(store.consume(a, limits).join().admitted()).isFalse();
	}

	@ParameterizedTest(autoCloseArguments = false) // the shared Redis store stays open
	@MethodSource("stores")
	void anEmptiedBurstRefillsAtTheSustainedRate(RateLimitStore store) throws InterruptedException {
		// 50 a second: a token every 20 ms
		PlanLimits limits = new PlanLimits("refill", Priority.LOW, 2, 50, 0);
		String key = key();
		store.consume(key, limits).join();
		store.consume(key, limits).join();
		assertThat(store.consume(key, limits).join().admitted()).isFalse();
		// time is what refills a bucket: nothing to await but the clock
		Thread.sleep(60);
		assertThat(store.consume(key, limits).join().admitted()).as("a token refilled").isTrue();
		assertThat(store.consume(key, limits).join().admitted()).as("two refilled, up to the burst").isTrue();
	}

	@Test
	void aRedisThatForgotTheScriptIsSentItAgain() {
		PlanLimits limits = new PlanLimits("reload", Priority.LOW, 5, 1, 0);
		String key = key();
		assertThat(redis.consume(key, limits).join().remaining()).isEqualTo(4);
		// as after a restart or a failover to a replica that never ran it
		RedisClient client = RedisClient.create(REDIS);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().scriptFlush();
			assertThat(connection.sync().scriptExists(RedisRateLimitStore.SHA)).containsExactly(false);
		}
		finally {
			client.shutdown();
		}

		assertThat(redis.consume(key, limits).join().remaining()).isEqualTo(3);
	}

	private static String key() {
		return "millgate:rl:test:" + UUID.randomUUID();
	}

}
