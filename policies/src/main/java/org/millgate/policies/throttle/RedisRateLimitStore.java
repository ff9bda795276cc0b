package org.millgate.policies.throttle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce.LettuceBasedProxyManagerBuilder;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.millgate.contracts.catalog.Priority;
import org.millgate.policies.core.FailFastRedis;

/**
 * Buckets in Redis, shared by every gateway instance: Bucket4j's compare-and-swap proxy
 * manager over one asynchronous Lettuce connection. When Redis is unreachable, calls fail
 * at once (commands are rejected while disconnected, never queued) and the connection is
 * retried in the background, so the gateway starts and runs without Redis.
 */
public final class RedisRateLimitStore implements RateLimitStore, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisRateLimitStore.class);

	private static final PlanLimits WARM_UP = new PlanLimits("warm-up", Priority.LOW, 1, 1, 0);

	private final FailFastRedis redis;

	private final AtomicReference<Connected> connected = new AtomicReference<>();

	private final AtomicBoolean connecting = new AtomicBoolean();

	private final Disposable reconnects;

	/** A decision timed out and no answer has arrived since. */
	private volatile boolean suspect;

	/**
	 * Connects (in the background) to Redis.
	 * @param url e.g. {@code redis://127.0.0.1:6379/0}; a Sentinel or Cluster URL as
	 * {@link FailFastRedis} describes
	 * @param commandTimeout how long one command may take before it fails
	 */
	public RedisRateLimitStore(String url, Duration commandTimeout) {
		this.redis = FailFastRedis.of(url, commandTimeout);
		try {
			// the first attempt is awaited (at start-up, not on a request), so that a
			// reachable Redis is in use from the first request on
			connect().get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Redis did not answer at start-up; retrying in the background");
		}
		this.reconnects = Flux.interval(Duration.ofSeconds(1), Schedulers.parallel())
			.filter((tick) -> this.connected.get() == null)
			.subscribe((tick) -> connect());
	}

	private CompletableFuture<Void> connect() {
		CompletableFuture<Void> ready = new CompletableFuture<>();
		if (!this.connecting.compareAndSet(false, true)) {
			ready.complete(null);
			return ready;
		}
		RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
		this.redis.connect(codec).whenComplete((connection, failure) -> {
			if (failure != null) {
				this.connecting.set(false);
				ready.complete(null);
				logger.warn("{} not reachable ({}); throttling follows each product's Redis-down mode",
						this.redis.describe(), FailFastRedis.reason(failure));
				return;
			}
			AsyncProxyManager<String> buckets = builder(connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(10)))
				.build()
				.asAsync();
			Connected fresh = new Connected(connection, buckets, new ConcurrentHashMap<>());
			// one round trip before traffic, so that the first real decision is not
			// a cold one
			fresh.proxy("millgate:rl:warm-up", WARM_UP)
				.tryConsumeAndReturnRemaining(1)
				.whenComplete((probe, warmUpFailure) -> {
					this.connected.set(fresh);
					this.connecting.set(false);
					ready.complete(null);
				});
			logger.info("Throttling shares its buckets through {}", this.redis.describe());
		});
		return ready;
	}

	/**
	 * Whether a connection to Redis is open right now.
	 * @return true when connected
	 */
	public boolean isConnected() {
		Connected current = this.connected.get();
		return current != null && current.connection.isOpen();
	}

	@Override
	public CompletableFuture<VerboseResult<ConsumptionProbe>> consume(String key, PlanLimits limits) {
		Connected current = this.connected.get();
		if (current == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("Redis not connected"));
		}
		try {
			return current.proxy(key, limits)
				.asVerbose()
				.tryConsumeAndReturnRemaining(1)
				.whenComplete((probe, failure) -> {
					if (failure == null) {
						this.suspect = false;
					}
				});
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public boolean isResponsive() {
		return isConnected() && !this.suspect;
	}

	@Override
	public void timedOut() {
		this.suspect = true;
	}

	@Override
	public void close() {
		this.reconnects.dispose();
		Connected current = this.connected.getAndSet(null);
		if (current != null) {
			current.connection.close();
		}
		this.redis.close();
	}

	@SuppressWarnings("unchecked")
	private static LettuceBasedProxyManagerBuilder<String> builder(StatefulConnection<String, byte[]> connection) {
		// one key per bucket: its compare-and-swap script is routed to the key's node in
		// a
		// cluster
		return (connection instanceof StatefulRedisClusterConnection<String, byte[]> clustered)
				? Bucket4jLettuce.casBasedBuilder(clustered)
				: Bucket4jLettuce.casBasedBuilder((StatefulRedisConnection<String, byte[]>) connection);
	}

	/**
	 * An open connection and the bucket proxies made on it. A proxy is kept per key
	 * (which names the limits), so that Bucket4j's batching can merge concurrent requests
	 * of one client into one compare-and-swap round trip instead of racing each other.
	 */
	private record Connected(StatefulConnection<String, byte[]> connection, AsyncProxyManager<String> buckets,
			ConcurrentMap<String, AsyncBucketProxy> proxies) {

		AsyncBucketProxy proxy(String key, PlanLimits limits) {
			return this.proxies.computeIfAbsent(key,
					(name) -> this.buckets.builder()
						.withOptimization(Optimizations.batching())
						.build(key, () -> CompletableFuture.completedFuture(limits.configuration())));
		}

	}

}
