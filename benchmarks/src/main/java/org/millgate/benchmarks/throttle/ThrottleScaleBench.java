package org.millgate.benchmarks.throttle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import org.millgate.contracts.catalog.Priority;
import org.millgate.policies.throttle.PlanLimits;
import org.millgate.policies.throttle.RedisRateLimitStore;

/**
 * One client calling hard through two gateway instances, and many clients at once: the
 * throttle decisions a second that a Redis on loopback gives, and how exactly the limit
 * holds, with the gateway's store (one Lua script per decision) beside Bucket4j's
 * compare-and-swap proxy manager over Lettuce (the store before it), in the same run.
 * Each instance is a store of its own with its own connection, keeping a number of
 * decisions in flight as a gateway under load does.
 * <p>
 * Arguments: Redis URL, seconds per scenario, decisions in flight per instance, the
 * Markdown file to write.
 */
public final class ThrottleScaleBench {

	/** One key: a limit the load exceeds, so that the accuracy shows. */
	private static final PlanLimits HOT = new PlanLimits("bench-hot", Priority.HIGH, 500, 2_000, 0);

	/** Many keys: limits far above the load, every call admitted. */
	private static final PlanLimits WIDE = new PlanLimits("bench-wide", Priority.HIGH, 1_000_000, 1_000_000, 0);

	private static final int DISTINCT_KEYS = 10_000;

	private ThrottleScaleBench() {
	}

	public static void main(String[] args) throws Exception {
		String redis = (args.length > 0) ? args[0] : "redis://127.0.0.1:6379";
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 60;
		int inFlight = (args.length > 2) ? Integer.parseInt(args[2]) : 32;
		Path out = (args.length > 3) ? Path.of(args[3]) : null;
		Duration duration = Duration.ofSeconds(seconds);

		List<String> lines = new ArrayList<>();
		lines.add("### Throttling on one key through two gateway instances, and on " + DISTINCT_KEYS + " keys");
		lines.add("");
		lines.add("Redis " + redis.replaceAll("//[^@/]*@", "//***@") + ", " + seconds + " s per row, " + inFlight
				+ " decisions in flight per instance. One key: burst " + HOT.burst() + ", " + HOT.perSecond()
				+ "/s, so the load exceeds it and the admitted count can be checked against what the limit allows "
				+ "(burst + rate × time). Many keys: limits far above the load.");
		lines.add("");
		lines.add("| store | scenario | decisions/s | admitted | allowed by the limit | over the limit |");
		lines.add("|---|---|---:|---:|---:|---:|");
		double scriptHot = 0;
		double casHot = 0;
		for (String store : List.of("script", "cas")) {
			for (Scenario scenario : Scenario.values()) {
				Result result = run(store, redis, scenario, duration, inFlight);
				if (scenario == Scenario.HOT_WITHIN && store.equals("script")) {
					scriptHot = result.perSecond();
				}
				if (scenario == Scenario.HOT_WITHIN && store.equals("cas")) {
					casHot = result.perSecond();
				}
				lines.add(result.row());
				System.out.println(result.row());
			}
		}
		lines.add("");
		lines.add(String.format(Locale.ROOT,
				"One key within its limit through two instances: the script decides %.2f× as many calls a second as compare-and-swap.",
				scriptHot / Math.max(casHot, 1)));
		if (out != null) {
			Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
		}
		System.exit(0);
	}

	private static Result run(String kind, String redis, Scenario scenario, Duration duration, int inFlight)
			throws InterruptedException {
		String run = UUID.randomUUID().toString();
		boolean oneKey = scenario != Scenario.WIDE;
		PlanLimits limits = (scenario == Scenario.HOT) ? HOT : WIDE;
		IntFunction<String> key = oneKey ? (i) -> "millgate:rl:bench:hot:" + run
				: (i) -> "millgate:rl:bench:wide:" + run + ":" + (i % DISTINCT_KEYS);
		List<Decider> instances = List.of(decider(kind, redis), decider(kind, redis));
		try {
			// warm-up: connections, the script loaded, the JIT
			drive(instances, (i) -> "millgate:rl:bench:warm:" + run + ":" + (i % 100), WIDE, Duration.ofSeconds(3),
					inFlight, new AtomicLong(), new AtomicLong());
			AtomicLong decisions = new AtomicLong();
			AtomicLong admitted = new AtomicLong();
			long started = System.nanoTime();
			drive(instances, key, limits, duration, inFlight, decisions, admitted);
			double elapsed = (System.nanoTime() - started) / 1e9;
			long allowed = (scenario == Scenario.HOT) ? (long) Math.floor(limits.burst() + limits.perSecond() * elapsed)
					: decisions.get();
			return new Result(kind, scenario, decisions.get() / elapsed, admitted.get(), allowed);
		}
		finally {
			instances.forEach(Decider::close);
		}
	}

	// each instance keeps inFlight decisions going until the time is up
	private static void drive(List<Decider> instances, IntFunction<String> key, PlanLimits limits, Duration duration,
			int inFlight, AtomicLong decisions, AtomicLong admitted) throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		AtomicLong sequence = new AtomicLong();
		CountDownLatch done = new CountDownLatch(instances.size() * inFlight);
		for (Decider instance : instances) {
			for (int i = 0; i < inFlight; i++) {
				next(instance, key, limits, end, sequence, decisions, admitted, done);
			}
		}
		if (!done.await(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Decisions still in flight 30 s after the end");
		}
	}

	private static void next(Decider instance, IntFunction<String> key, PlanLimits limits, long end,
			AtomicLong sequence, AtomicLong decisions, AtomicLong admitted, CountDownLatch done) {
		if (System.nanoTime() >= end) {
			done.countDown();
			return;
		}
		instance.decide(key.apply((int) sequence.getAndIncrement()), limits).whenComplete((passed, failure) -> {
			if (failure != null) {
				System.err.println("A decision failed: " + failure);
				done.countDown();
				return;
			}
			decisions.incrementAndGet();
			if (passed) {
				admitted.incrementAndGet();
			}
			next(instance, key, limits, end, sequence, decisions, admitted, done);
		});
	}

	private static Decider decider(String kind, String redis) {
		if (kind.equals("script")) {
			RedisRateLimitStore store = new RedisRateLimitStore(redis, Duration.ofSeconds(5));
			if (!store.isConnected()) {
				throw new IllegalStateException("Redis does not answer at " + redis);
			}
			return new Decider() {
				@Override
				public CompletableFuture<Boolean> decide(String key, PlanLimits limits) {
					return store.consume(key, limits).thenApply((decision) -> decision.admitted());
				}

				@Override
				public void close() {
					store.close();
				}
			};
		}
		return new CasDecider(redis);
	}

	interface Decider extends AutoCloseable {

		CompletableFuture<Boolean> decide(String key, PlanLimits limits);

		@Override
		void close();

	}

	/**
	 * The gateway's store before the script: Bucket4j's compare-and-swap proxy manager
	 * over Lettuce, a proxy per key with Bucket4j's batching.
	 */
	static final class CasDecider implements Decider {

		private final RedisClient client;

		private final StatefulRedisConnection<String, byte[]> connection;

		private final AsyncProxyManager<String> buckets;

		private final ConcurrentMap<String, AsyncBucketProxy> proxies = new ConcurrentHashMap<>();

		CasDecider(String redis) {
			this.client = RedisClient.create(redis);
			this.connection = this.client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
			this.buckets = Bucket4jLettuce.casBasedBuilder(this.connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(10)))
				.build()
				.asAsync();
		}

		@Override
		public CompletableFuture<Boolean> decide(String key, PlanLimits limits) {
			return this.proxies
				.computeIfAbsent(key,
						(name) -> this.buckets.builder()
							.withOptimization(Optimizations.batching())
							.build(name, () -> CompletableFuture.completedFuture(limits.configuration())))
				.tryConsume(1);
		}

		@Override
		public void close() {
			this.connection.close();
			this.client.shutdown();
		}

	}

	enum Scenario {

		/** One key, the load above its limit. */
		HOT("one key over its limit"),
		/** One key, the load within its limit. */
		HOT_WITHIN("one key within its limit"),
		/** Many keys within their limits. */
		WIDE(DISTINCT_KEYS + " keys within their limits");

		private final String label;

		Scenario(String label) {
			this.label = label;
		}

	}

	record Result(String store, Scenario scenario, double perSecond, long admitted, long allowed) {

		String row() {
			boolean limited = this.scenario == Scenario.HOT;
			String over = limited
					? String.format(Locale.ROOT, "%+.2f %%", 100.0 * (this.admitted - this.allowed) / this.allowed)
					: "—";
			return String.format(Locale.ROOT, "| %s | %s, two instances | %,.0f | %,d | %s | %s |",
					this.store.equals("script") ? "Lua script (the gateway's)" : "Bucket4j compare-and-swap (before)",
					this.scenario.label, this.perSecond, this.admitted,
					limited ? String.format(Locale.ROOT, "%,d", this.allowed) : "—", over);
		}

	}

}
