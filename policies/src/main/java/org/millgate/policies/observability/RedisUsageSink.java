package org.millgate.policies.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;

import org.millgate.policies.core.FailFastRedis;

/**
 * Usage in Redis, added up across gateway instances: a hash per client, product and
 * version under {@code millgate:usage:<product>:<version>:<client>} (fields
 * {@code requests}, {@code 4xx}, {@code 429}, {@code 5xx}, {@code b0}…{@code b10} for the
 * latency buckets of {@link org.millgate.contracts.usage.LatencyBuckets}, and
 * {@code last}, epoch milliseconds) and the set {@code millgate:usage:keys} naming them.
 * A hash expires 30 days after its last write, so clients that stopped calling fade out
 * (readers drop the names of expired hashes from the set).
 */
public final class RedisUsageSink implements UsageLedger.Sink, AutoCloseable {

	/** The set of usage hash keys. */
	public static final String KEYS = "millgate:usage:keys";

	/** The prefix of every usage hash key. */
	public static final String PREFIX = "millgate:usage:";

	/** How long a client's figures are kept after its last call. */
	public static final Duration KEEP = Duration.ofDays(30);

	// one hash, atomically: counts added, the last call kept if later, expiry renewed;
	// the
	// script touches this one key only, so that it runs on a Redis Cluster too (the set
	// of
	// names is added to beside it). ARGV: last call, seconds to keep, then field/amount
	// pairs.
	private static final String ADD = "local h = KEYS[1] "
			+ "for i = 3, #ARGV, 2 do redis.call('HINCRBY', h, ARGV[i], ARGV[i + 1]) end "
			+ "local old = tonumber(redis.call('HGET', h, 'last') or '0') "
			+ "if tonumber(ARGV[1]) > old then redis.call('HSET', h, 'last', ARGV[1]) end "
			+ "redis.call('EXPIRE', h, ARGV[2]) return 1";

	private final FailFastRedis redis;

	private final AtomicReference<StatefulConnection<String, String>> connection = new AtomicReference<>();

	/**
	 * A sink; it connects on its first write.
	 * @param url e.g. {@code redis://127.0.0.1:6379}; a Sentinel or Cluster URL as
	 * {@link FailFastRedis} describes
	 */
	public RedisUsageSink(String url) {
		this.redis = FailFastRedis.of(url, Duration.ofSeconds(2));
	}

	@Override
	public CompletableFuture<Set<UsageLedger.Key>> write(List<UsageLedger.Counts> batch) {
		return connection().thenCompose((open) -> {
			RedisClusterAsyncCommands<String, String> redis = FailFastRedis.async(open);
			Set<UsageLedger.Key> written = ConcurrentHashMap.newKeySet();
			List<CompletableFuture<?>> replies = new ArrayList<>();
			for (UsageLedger.Counts counts : batch) {
				UsageLedger.Key key = counts.key();
				String hash = PREFIX + key.product() + ":" + key.version() + ":" + key.client();
				List<String> arguments = new ArrayList<>(
						List.of(Long.toString(counts.lastCall()), Long.toString(KEEP.toSeconds())));
				add(arguments, "requests", counts.requests());
				add(arguments, "4xx", counts.clientErrors());
				add(arguments, "429", counts.throttled());
				add(arguments, "5xx", counts.serverErrors());
				for (int i = 0; i < counts.buckets().length; i++) {
					add(arguments, "b" + i, counts.buckets()[i]);
				}
				// named once the hash is written (on a cluster the two may live on two
				// nodes): a reader drops a name whose hash it finds empty
				RedisFuture<Long> reply = redis.eval(ADD, ScriptOutputType.INTEGER, new String[] { hash },
						arguments.toArray(String[]::new));
				replies.add(reply.toCompletableFuture()
					.thenCompose((added) -> redis.sadd(KEYS, hash).toCompletableFuture())
					.thenRun(() -> written.add(key))
					.exceptionally((failure) -> null));
			}
			return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).thenApply((all) -> written);
		});
	}

	private static void add(List<String> arguments, String field, long amount) {
		if (amount != 0) {
			arguments.add(field);
			arguments.add(Long.toString(amount));
		}
	}

	private CompletableFuture<StatefulConnection<String, String>> connection() {
		StatefulConnection<String, String> open = this.connection.get();
		if (open != null) {
			return CompletableFuture.completedFuture(open);
		}
		return this.redis.connect(StringCodec.UTF8).thenApply((fresh) -> {
			if (!this.connection.compareAndSet(null, fresh)) {
				fresh.closeAsync();
				return this.connection.get();
			}
			return fresh;
		});
	}

	@Override
	public void close() {
		StatefulConnection<String, String> open = this.connection.getAndSet(null);
		if (open != null) {
			open.close();
		}
		this.redis.close();
	}

}
