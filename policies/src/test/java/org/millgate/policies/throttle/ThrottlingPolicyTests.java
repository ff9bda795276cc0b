package org.millgate.policies.throttle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.catalog.Priority;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.policies.core.TestRoutes;
import org.millgate.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Decisions against the real Redis on loopback, and against a Redis that is not there.
 */
class ThrottlingPolicyTests {

	private static final String REDIS = System.getenv()
		.getOrDefault("MILLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	private static final PlanLimits LIMITS = new PlanLimits("test", Priority.LOW, 20, 1, 0);

	private static final PlanLimits FALLBACK = new PlanLimits("fallback", Priority.LOW, 5, 1, 0);

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
				if (store.consume(key, limits).join().admitted()) {
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
				decisions.add(redis.consume(key, LIMITS).join());
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
	void oneClientCallingHardThroughTwoInstancesIsAdmittedExactlyItsLimit() {
		RedisRateLimitStore second = new RedisRateLimitStore(REDIS, Duration.ofSeconds(2));
		try {
			String key = "millgate:rl:test:" + UUID.randomUUID();
			PlanLimits limits = new PlanLimits("hot", Priority.LOW, 100, 1, 0);
			long start = System.nanoTime();
			// 2,000 decisions in flight at once, half through each instance
			List<CompletableFuture<RateLimitDecision>> calls = IntStream.range(0, 2_000)
				.mapToObj((i) -> ((i % 2 == 0) ? redis : second).consume(key, limits))
				.toList();
			List<RateLimitDecision> admitted = calls.stream()
				.map(CompletableFuture::join)
				.filter(RateLimitDecision::admitted)
				.toList();
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(admitted).hasSizeBetween(100, 100 + (int) Math.floor(seconds));
			if (admitted.size() == 100) {
				// each admitted call was told what its own token left, batched or not
				assertThat(admitted).extracting(RateLimitDecision::remaining)
					.containsExactlyInAnyOrderElementsOf(LongStream.range(0, 100).boxed().toList());
			}
		}
		finally {
			second.close();
		}
	}

	@Test
	void failClosedAnswersAtOnceWhenRedisIsDown() {
		ProductThrottle throttle = throttle(nowhere, RedisDownMode.FAIL_CLOSED);
		long start = System.nanoTime();
		RateLimitDecision decision = throttle.decide("k", LIMITS).block();
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(decision).isSameAs(ThrottlingPolicy.STORE_UNAVAILABLE);
		assertThat(millis).as("decided within the bound").isLessThanOrEqualTo(50);
	}

	@Test
	void failOpenFallsBackToALocalBucketWhenRedisIsDown() {
		ProductThrottle throttle = throttle(nowhere, RedisDownMode.FAIL_OPEN);
		RateLimitDecision decision = throttle.decide("k", LIMITS).block();
		assertThat(decision.admitted()).isTrue();
		assertThat(decision.remaining()).isEqualTo(19);
	}

	@Test
	void withoutRedisBucketsAreLocal() {
		ProductThrottle throttle = throttle(null, RedisDownMode.FAIL_CLOSED);
		assertThat(throttle.decide("local", new PlanLimits("one", Priority.LOW, 1, 1, 0)).block().admitted()).isTrue();
		assertThat(throttle.decide("local", new PlanLimits("one", Priority.LOW, 1, 1, 0)).block().admitted()).isFalse();
	}

	@Test
	void bucketsAreSeparatePerProductPlanIssuerAndClient() {
		Caller caller = new Caller("http://a.test", "c", "test", null, Set.of(), false, Set.of());
		Caller sameIdOtherIssuer = new Caller("http://b.test", "c", "test", null, Set.of(), false, Set.of());
		String key = ThrottlingPolicy.key("shipments", LIMITS, caller);
		assertThat(key).isNotEqualTo(ThrottlingPolicy.key("shipments", LIMITS, sameIdOtherIssuer))
			.isNotEqualTo(ThrottlingPolicy.key("inventory", LIMITS, caller))
			.isNotEqualTo(ThrottlingPolicy.key("shipments", new PlanLimits("other", Priority.LOW, 5, 1, 0), caller));
	}

	@Test
	void callersOfAnUnknownPlanGetTheFallbackPlansLimits() {
		ProductThrottle throttle = throttle(null, RedisDownMode.FAIL_CLOSED);
		assertThat(throttle.limits("test")).isSameAs(LIMITS);
		assertThat(throttle.limits("no-such-plan")).isSameAs(FALLBACK);
	}

	@Test
	void aFallbackPlanTheCatalogDoesNotKnowIsRefusedWhenApplied() {
		ThrottlingPolicy policy = new ThrottlingPolicy(
				RouteConfigs.same(new ThrottlingPolicy.Config(RedisDownMode.FAIL_OPEN, Duration.ofMillis(50), 10,
						"no-such-plan")),
				Map.of("test", LIMITS), null, new LocalRateLimitStore(), new Problems(ProblemTypes.load()));
		assertThatIllegalArgumentException().isThrownBy(() -> policy.apply(TestRoutes.shipments()))
			.withMessageContaining("no-such-plan");
	}

	private static ProductThrottle throttle(RateLimitStore shared, RedisDownMode mode) {
		ThrottlingPolicy.Config config = new ThrottlingPolicy.Config(mode, Duration.ofMillis(50), 10, "fallback");
		ThrottlingPolicy policy = new ThrottlingPolicy(RouteConfigs.same(config),
				Map.of("test", LIMITS, "fallback", FALLBACK), shared, new LocalRateLimitStore(),
				new Problems(ProblemTypes.load()));
		return policy.throttle(TestRoutes.shipments(), config);
	}

}
