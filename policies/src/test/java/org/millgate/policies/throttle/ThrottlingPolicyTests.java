package org.millgate.policies.throttle;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.Priority;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.policies.core.Caller;
import org.millgate.policies.core.Problems;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions against the real Redis on loopback, and against a Redis that is not there.
 */
class ThrottlingPolicyTests {

	private static final String REDIS = System.getenv()
		.getOrDefault("MILLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	private static final PlanLimits LIMITS = new PlanLimits("test", Priority.LOW, 20, 1, 0);

	private static RedisRateLimitStore redis;

	private static RedisRateLimitStore nowhere;

	@BeforeAll
	static void connect() {
		redis = new RedisRateLimitStore(REDIS, Duration.ofMillis(100));
		assertThat(redis.isConnected()).as("Redis at " + REDIS + " (./millgate test starts it)").isTrue();
		nowhere = new RedisRateLimitStore("redis://127.0.0.1:1", Duration.ofMillis(100));
	}

	@AfterAll
	static void close() {
		redis.close();
		nowhere.close();
	}

	@Test
	void twoStoresOnOneRedisShareTheBucket() {
		RedisRateLimitStore second = new RedisRateLimitStore(REDIS, Duration.ofMillis(100));
		try {
			String key = "millgate:rl:test:" + UUID.randomUUID();
			PlanLimits limits = new PlanLimits("shared", Priority.LOW, 4, 1, 0);
			int admitted = 0;
			for (int i = 0; i < 8; i++) {
				RedisRateLimitStore store = (i % 2 == 0) ? redis : second;
				if (RateLimitDecision.of(store.consume(key, limits).join(), limits).admitted()) {
					admitted++;
				}
			}
			assertThat(admitted).isEqualTo(4);
		}
		finally {
			second.close();
		}
	}

	@Test
	void concurrentCallsOfOneClientNeverOverAdmit() throws Exception {
		String key = "millgate:rl:test:" + UUID.randomUUID();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		ConcurrentLinkedQueue<RateLimitDecision> decisions = new ConcurrentLinkedQueue<>();
		CountDownLatch done = new CountDownLatch(200);
		long start = System.nanoTime();
		for (int i = 0; i < 200; i++) {
			pool.execute(() -> {
				decisions.add(RateLimitDecision.of(redis.consume(key, LIMITS).join(), LIMITS));
				done.countDown();
			});
		}
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		long admitted = decisions.stream().filter(RateLimitDecision::admitted).count();
		assertThat(admitted).isGreaterThanOrEqualTo(20).isLessThanOrEqualTo(20 + (long) Math.ceil(seconds));
	}

	@Test
	void failClosedAnswersAtOnceWhenRedisIsDown() {
		ThrottlingPolicy policy = policy(nowhere, RedisDownMode.FAIL_CLOSED);
		long start = System.nanoTime();
		RateLimitDecision decision = policy.decide("k", LIMITS).block();
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(decision).isSameAs(ThrottlingPolicy.STORE_UNAVAILABLE);
		assertThat(millis).as("decided within the bound").isLessThanOrEqualTo(50);
	}

	@Test
	void failOpenFallsBackToALocalBucketWhenRedisIsDown() {
		ThrottlingPolicy policy = policy(nowhere, RedisDownMode.FAIL_OPEN);
		RateLimitDecision decision = policy.decide("k", LIMITS).block();
		assertThat(decision.admitted()).isTrue();
		assertThat(decision.remaining()).isEqualTo(19);
	}

	@Test
	void withoutRedisBucketsAreLocal() {
		ThrottlingPolicy policy = policy(null, RedisDownMode.FAIL_CLOSED);
		assertThat(policy.decide("local", new PlanLimits("one", Priority.LOW, 1, 1, 0)).block().admitted()).isTrue();
		assertThat(policy.decide("local", new PlanLimits("one", Priority.LOW, 1, 1, 0)).block().admitted()).isFalse();
	}

	@Test
	void bucketsAreSeparatePerProductPlanIssuerAndClient() {
		Caller caller = new Caller("http://a.test", "c", "test", Optional.empty(), Optional.empty(), Set.of());
		Caller sameIdOtherIssuer = new Caller("http://b.test", "c", "test", Optional.empty(), Optional.empty(),
				Set.of());
		String key = ThrottlingPolicy.key("shipments", LIMITS, caller);
		assertThat(key).isNotEqualTo(ThrottlingPolicy.key("shipments", LIMITS, sameIdOtherIssuer))
			.isNotEqualTo(ThrottlingPolicy.key("inventory", LIMITS, caller))
			.isNotEqualTo(ThrottlingPolicy.key("shipments", new PlanLimits("other", Priority.LOW, 5, 1, 0), caller));
	}

	private static ThrottlingPolicy policy(RateLimitStore shared, RedisDownMode mode) {
		return new ThrottlingPolicy("test", new ThrottlingPolicy.Config(mode, Duration.ofMillis(50)),
				Map.of("test", LIMITS), LIMITS, shared, new LocalRateLimitStore(), new PriorityLanes(10),
				new Problems(ProblemTypes.load()));
	}

}
