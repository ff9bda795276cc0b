package org.millgate.policies.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Usage in Redis, added up across gateway instances: a hash per client, product and
 * version under {@code millgate:usage:<product>:<version>:<client>} (fields
 * {@code requests}, {@code 4xx}, {@code 429}, {@code 5xx}, {@code b0}…{@code b10} for the
 * latency buckets of {@link UsageLedger#BUCKET_BOUNDS_MS}, and {@code last}, epoch
 * milliseconds) and the set {@code millgate:usage:keys} naming them. A hash expires 30
 * days after its last write, so clients that stopped calling fade out (readers drop the
 * names of expired hashes from the set).
 */
public final class RedisUsageSink implements UsageLedger.Sink, AutoCloseable {

	/** The set of usage hash keys. */
	public static final String KEYS = "millgate:usage:keys";

	/** The prefix of every usage hash key. */
	public static final String PREFIX = "millgate:usage:";

	/** How long a client's figures are kept after its last call. */
	public static final java.time.Duration KEEP = java.time.Duration.ofDays(30);

	private static final String LAST_IS_LATER = "local old = tonumber(redis.call('HGET', KEYS[1], 'last') or '0') "
			+ "if tonumber(ARGV[1]) > old then redis.call('HSET', KEYS[1], 'last', ARGV[1]) end return 1";

	private final RedisClient client;

	private final RedisURI uri;

	private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();

	/**
	 * A sink; it connects on its first write.
	 * @param url e.g. {@code redis://127.0.0.1:6379}
	 */
	public RedisUsageSink(String url) {
		this.uri = RedisURI.create(url);
		this.uri.setTimeout(Duration.ofSeconds(2));
		this.client = RedisClient.create();
		this.client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
			.build());
	}

	@Override
	public CompletableFuture<Void> write(List<UsageLedger.Counts> batch) {
		return connection().thenCompose((open) -> {
			RedisAsyncCommands<String, String> redis = open.async();
			List<CompletableFuture<?>> replies = new ArrayList<>();
			for (UsageLedger.Counts counts : batch) {
				UsageLedger.Key key = counts.key();
				String hash = PREFIX + key.product() + ":" + key.version() + ":" + key.client();
				replies.add(redis.sadd(KEYS, hash).toCompletableFuture());
				add(replies, redis, hash, "requests", counts.requests());
				add(replies, redis, hash, "4xx", counts.clientErrors());
				add(replies, redis, hash, "429", counts.throttled());
				add(replies, redis, hash, "5xx", counts.serverErrors());
				for (int i = 0; i < counts.buckets().length; i++) {
					add(replies, redis, hash, "b" + i, counts.buckets()[i]);
				}
				replies.add(
						redis
							.<Long>eval(LAST_IS_LATER, io.lettuce.core.ScriptOutputType.INTEGER, new String[] { hash },
									Long.toString(counts.lastCall()))
							.toCompletableFuture());
				replies.add(redis.expire(hash, KEEP.toSeconds()).toCompletableFuture());
			}
			return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
		});
	}

	private static void add(List<CompletableFuture<?>> replies, RedisAsyncCommands<String, String> redis, String hash,
			String field, long amount) {
		if (amount != 0) {
			RedisFuture<Long> reply = redis.hincrby(hash, field, amount);
			replies.add(reply.toCompletableFuture());
		}
	}

	private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
		StatefulRedisConnection<String, String> open = this.connection.get();
		if (open != null) {
			return CompletableFuture.completedFuture(open);
		}
		return this.client.connectAsync(io.lettuce.core.codec.StringCodec.UTF8, this.uri)
			.toCompletableFuture()
			.thenApply((fresh) -> {
				if (!this.connection.compareAndSet(null, fresh)) {
					fresh.closeAsync();
					return this.connection.get();
				}
				return fresh;
			});
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, String> open = this.connection.getAndSet(null);
		if (open != null) {
			open.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
