package org.millgate.policies.throttle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lettuce.core.codec.StringCodec;

import org.millgate.contracts.catalog.Priority;
import org.millgate.contracts.usage.LatencyBuckets;
import org.millgate.policies.core.FailFastRedis;
import org.millgate.policies.observability.RedisUsageSink;
import org.millgate.policies.observability.UsageLedger;
import org.millgate.testing.redis.LocalRedisCluster;
import org.millgate.testing.redis.LocalRedisSentinel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared buckets on a real Redis Cluster and a real Sentinel setup on loopback, as two
 * gateway instances use them: exact while every node runs, and through a primary's crash
 * under load within the bound the README states (the admissions the dead primary had
 * acknowledged but not yet replicated), served again after the failover by the same
 * store, without a restart.
 */
class RedisTopologyTests {

	// the daily quota is the limit under test: it never refills during a test
	private static final PlanLimits QUOTA = new PlanLimits("topology", Priority.LOW, 1_000_000, 1_000_000, 400);

	// the README's bound: over-admission through a primary's crash (and one call in
	// flight
	// when it died, whose answer is lost while its token may be taken: one under)
	private static final int CRASH_BOUND = 4;

	@TempDir
	Path directory;

	@Test
	void should_share_buckets_exactly_across_the_nodes_of_a_redis_cluster() {
		try (LocalRedisCluster cluster = LocalRedisCluster.start(this.directory, 3, 0);
				RedisRateLimitStore first = new RedisRateLimitStore(cluster.url(), Duration.ofSeconds(1));
				RedisRateLimitStore second = new RedisRateLimitStore(cluster.url(), Duration.ofSeconds(1))) {
			// given ten clients, whose buckets spread over the three primaries
			List<String> keys = IntStream.range(0, 10)
				.mapToObj((i) -> "millgate:rl:cluster:" + UUID.randomUUID())
				.toList();
			assertThat(keys.stream().map(cluster::primaryOf).distinct()).as("buckets on several primaries")
				.hasSizeGreaterThan(1);

			// when each calls 500 times, alternately through two gateway instances
			int[] admitted = new int[keys.size()];
			for (int call = 0; call < 500; call++) {
				for (int k = 0; k < keys.size(); k++) {
					RedisRateLimitStore store = ((call + k) % 2 == 0) ? first : second;
					if (store.consume(keys.get(k), QUOTA).join().admitted()) {
						admitted[k]++;
					}
				}
			}

			// then each is admitted exactly its quota
			assertThat(admitted).containsOnly(400);
		}
	}

	@Test
	void should_add_usage_up_on_a_redis_cluster_as_the_portal_reads_it() throws Exception {
		try (LocalRedisCluster cluster = LocalRedisCluster.start(this.directory, 3, 0);
				RedisUsageSink sink = new RedisUsageSink(cluster.url());
				FailFastRedis reader = FailFastRedis.of(cluster.url(), Duration.ofSeconds(2))) {
			// given the usage of clients whose hashes live on several primaries
			List<UsageLedger.Key> clients = new ArrayList<>();
			while (clients.size() < 6
					|| clients.stream().map((client) -> usagePrimary(cluster, client)).distinct().count() < 2) {
				clients.add(new UsageLedger.Key("client-" + UUID.randomUUID(), "inventory", "v1"));
			}
			List<UsageLedger.Counts> batch = clients.stream()
				.map((key) -> new UsageLedger.Counts(key, 3, 1, 1, 0, new long[LatencyBuckets.COUNT], 1_000))
				.toList();

			// when two flushes are written
			assertThat(sink.write(batch).get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(clients);
			assertThat(sink.write(batch).get(10, TimeUnit.SECONDS)).hasSize(clients.size());

			// then each hash holds the sum and the set names it
			var redis = FailFastRedis.async(reader.connect(StringCodec.UTF8).get(10, TimeUnit.SECONDS));
			Set<String> named = redis.smembers(RedisUsageSink.KEYS).get(10, TimeUnit.SECONDS);
			for (UsageLedger.Key client : clients) {
				String hash = RedisUsageSink.PREFIX + "inventory:v1:" + client.client();
				assertThat(named).contains(hash);
				assertThat(redis.hgetall(hash).get(10, TimeUnit.SECONDS)).containsEntry("requests", "6")
					.containsEntry("429", "2")
					.containsEntry("last", "1000");
			}
		}
	}

	@Test
	void should_keep_limits_through_a_cluster_primary_crash_and_serve_again_without_a_restart() {
		try (LocalRedisCluster cluster = LocalRedisCluster.start(this.directory, 3, 1);
				RedisRateLimitStore first = new RedisRateLimitStore(cluster.url(), Duration.ofMillis(500));
				RedisRateLimitStore second = new RedisRateLimitStore(cluster.url(), Duration.ofMillis(500))) {
			String hot = "millgate:rl:cluster:" + UUID.randomUUID();
			String elsewhere = keyOnAnotherPrimary(cluster, hot);
			Load load = new Load(first, second, hot, elsewhere);

			load.until(() -> load.admitted.get() >= 150);
			cluster.killPrimaryOf(hot);
			cluster.awaitHealthy(Duration.ofSeconds(30));
			load.until(() -> load.servedAfterFailover() && load.attempts.get() > load.attemptsAtFailover + 2_000);
			load.until(() -> load.refusedByLimit.get() > 200);

			System.out.println("Redis Cluster, a primary killed under load: " + load);
			assertThat(load.admitted.get()).as("admitted through a primary's crash")
				.isBetween((int) QUOTA.dailyQuota() - 1, (int) QUOTA.dailyQuota() + CRASH_BOUND);
			assertThat(load.otherPrimaryFailures.get()).as("calls of a key on a primary that kept running, failed")
				.isZero();
		}
	}

	@Test
	void should_keep_limits_through_a_sentinel_failover_and_serve_again_without_a_restart() {
		try (LocalRedisSentinel sentinel = LocalRedisSentinel.start(this.directory);
				RedisRateLimitStore first = new RedisRateLimitStore(sentinel.url(), Duration.ofMillis(500));
				RedisRateLimitStore second = new RedisRateLimitStore(sentinel.url(), Duration.ofMillis(500))) {
			String key = "millgate:rl:sentinel:" + UUID.randomUUID();
			Load load = new Load(first, second, key, null);

			load.until(() -> load.admitted.get() >= 150);
			int old = sentinel.killPrimary();
			sentinel.awaitPrimaryOtherThan(old, Duration.ofSeconds(30));
			load.until(() -> load.servedAfterFailover() && load.attempts.get() > load.attemptsAtFailover + 2_000);
			load.until(() -> load.refusedByLimit.get() > 200);

			System.out.println("Redis Sentinel, the primary killed under load: " + load);
			assertThat(load.admitted.get()).as("admitted through a failover")
				.isBetween((int) QUOTA.dailyQuota() - 1, (int) QUOTA.dailyQuota() + CRASH_BOUND);
			assertThat(first.isConnected() && second.isConnected()).as("both stores connected to the new primary")
				.isTrue();
		}
	}

	private static int usagePrimary(LocalRedisCluster cluster, UsageLedger.Key client) {
		return cluster.primaryOf(RedisUsageSink.PREFIX + "inventory:v1:" + client.client());
	}

	private static String keyOnAnotherPrimary(LocalRedisCluster cluster, String hot) {
		int primary = cluster.primaryOf(hot);
		for (int i = 0; i < 100; i++) {
			String key = "millgate:rl:cluster:" + UUID.randomUUID();
			if (cluster.primaryOf(key) != primary) {
				return key;
			}
		}
		throw new IllegalStateException("Every key on one primary");
	}

	/**
	 * One client calling hard through two gateway instances (and, for a cluster, another
	 * client whose bucket lives on another primary), one decision at a time, from the
	 * test's own thread.
	 */
	private static final class Load {

		final AtomicInteger attempts = new AtomicInteger();

		final AtomicInteger admitted = new AtomicInteger();

		final AtomicInteger refusedByLimit = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		final AtomicInteger otherPrimaryFailures = new AtomicInteger();

		final AtomicBoolean failedOnce = new AtomicBoolean();

		int attemptsAtFailover;

		int servedSinceFailure;

		private final RateLimitStore first;

		private final RateLimitStore second;

		private final String key;

		private final String elsewhere;

		Load(RateLimitStore first, RateLimitStore second, String key, String elsewhere) {
			this.first = first;
			this.second = second;
			this.key = key;
			this.elsewhere = elsewhere;
		}

		boolean servedAfterFailover() {
			return this.failedOnce.get() && this.servedSinceFailure > 100;
		}

		/**
		 * Calls until the condition holds (30 s at most).
		 */
		void until(BooleanSupplier condition) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (!condition.getAsBoolean()) {
				assertThat(System.nanoTime()).as("the load's condition within 30 s; " + this).isLessThan(deadline);
				call();
			}
		}

		private void call() {
			int attempt = this.attempts.incrementAndGet();
			RateLimitStore store = (attempt % 2 == 0) ? this.first : this.second;
			try {
				boolean consumed = store.consume(this.key, QUOTA).get(2, TimeUnit.SECONDS).admitted();
				if (consumed) {
					this.admitted.incrementAndGet();
				}
				else {
					this.refusedByLimit.incrementAndGet();
				}
				if (this.failedOnce.get()) {
					this.servedSinceFailure++;
				}
			}
			catch (Exception ex) {
				this.failed.incrementAndGet();
				if (this.failedOnce.compareAndSet(false, true)) {
					this.attemptsAtFailover = attempt;
				}
				this.servedSinceFailure = 0;
				// a failing store answers at once: pace the retries as clients would
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
			}
			if (this.elsewhere != null) {
				try {
					store.consume(this.elsewhere, QUOTA).get(2, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					this.otherPrimaryFailures.incrementAndGet();
				}
			}
		}

		@Override
		public String toString() {
			return "attempts " + this.attempts + ", admitted " + this.admitted + ", refused " + this.refusedByLimit
					+ ", failed " + this.failed + ", other primary failed " + this.otherPrimaryFailures;
		}

	}

}
