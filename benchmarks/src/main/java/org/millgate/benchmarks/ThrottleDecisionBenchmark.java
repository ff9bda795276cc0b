package org.millgate.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.millgate.contracts.catalog.Priority;
import org.millgate.policies.throttle.LocalRateLimitStore;
import org.millgate.policies.throttle.PlanLimits;
import org.millgate.policies.throttle.RateLimitDecision;
import org.millgate.policies.throttle.RedisRateLimitStore;

/**
 * The throttle decision for one call: a token taken from the caller's bucket, locally
 * (the embedded default, and the fail-open fallback) and in Redis on loopback (shared by
 * every gateway instance; one Lua script round trip). Limits are far above what is
 * measured, so every call is admitted, as in the bench's full chain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThrottleDecisionBenchmark {

	private static final PlanLimits LIMITS = new PlanLimits("bench", Priority.HIGH, 1_000_000_000L, 1_000_000_000L, 0);

	private LocalRateLimitStore local;

	private RedisRateLimitStore redis;

	@Setup
	public void setUp() {
		this.local = new LocalRateLimitStore();
		this.redis = new RedisRateLimitStore(System.getProperty("millgate.bench.redis", "redis://127.0.0.1:6379"),
				Duration.ofSeconds(2));
		if (!this.redis.isConnected()) {
			throw new IllegalStateException("Redis does not answer; set -Dmillgate.bench.redis");
		}
	}

	@TearDown
	public void tearDown() {
		this.redis.close();
	}

	@Benchmark
	public RateLimitDecision localBucket() {
		return this.local.consume("millgate:rl:bench:local", LIMITS).join();
	}

	@Benchmark
	public RateLimitDecision redisBucket() {
		return this.redis.consume("millgate:rl:bench:redis", LIMITS).join();
	}

}
