package org.millgate.policies.core;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.RedisClusterURIUtil;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Redis as the policies use it (throttling buckets, usage counts), in any of its three
 * topologies, chosen by the URL alone:
 * <ul>
 * <li>{@code redis://[user:password@]host:port[/db]} (or {@code rediss://}): one
 * server;</li>
 * <li>{@code redis-sentinel://[password@]host:port[,host:port…][/db]#primary}: the
 * primary that Redis Sentinel names, found again through the sentinels after a
 * failover;</li>
 * <li>{@code redis-cluster://[password@]host:port[,host:port…]} (or
 * {@code rediss-cluster://}): a Redis Cluster, the nodes given being seeds; the topology
 * is refreshed when a slot moves or a node stops answering.</li>
 * </ul>
 * While disconnected, commands fail at once instead of queueing, and the connection is
 * retried in the background (at most 1 s apart), so that a request never waits for a
 * Redis that is gone and a failover is followed within about a second of its end.
 */
public final class FailFastRedis implements AutoCloseable {

	private static final String CLUSTER = "redis-cluster";

	private static final String CLUSTER_TLS = "rediss-cluster";

	private final AbstractRedisClient client;

	private final ClientResources resources;

	private final List<RedisURI> uris;

	private final boolean cluster;

	private FailFastRedis(String url, Duration commandTimeout) {
		URI parsed = URI.create(url.strip());
		String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase() : "";
		this.cluster = scheme.equals(CLUSTER) || scheme.equals(CLUSTER_TLS);
		this.resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
			.build();
		if (this.cluster) {
			String plain = (scheme.equals(CLUSTER_TLS) ? "rediss" : "redis") + url.strip().substring(scheme.length());
			this.uris = RedisClusterURIUtil.toRedisURIs(URI.create(plain));
			this.uris.forEach((uri) -> uri.setTimeout(Duration.ofSeconds(2)));
			RedisClusterClient clusterClient = RedisClusterClient.create(this.resources, this.uris);
			clusterClient.setOptions(ClusterClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.autoReconnect(true)
				.timeoutOptions(TimeoutOptions.enabled(commandTimeout))
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enableAllAdaptiveRefreshTriggers()
					.adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
					.enablePeriodicRefresh(Duration.ofSeconds(30))
					.build())
				.build());
			this.client = clusterClient;
		}
		else {
			RedisURI uri = RedisURI.create(url.strip());
			uri.setTimeout(Duration.ofSeconds(2));
			this.uris = List.of(uri);
			RedisClient single = RedisClient.create(this.resources);
			single.setOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.autoReconnect(true)
				.timeoutOptions(TimeoutOptions.enabled(commandTimeout))
				.build());
			this.client = single;
		}
	}

	/**
	 * A client for the Redis the URL names; nothing is connected yet.
	 * @param url one of the three forms above
	 * @param commandTimeout how long one command may take before it fails
	 * @return the client
	 * @throws IllegalArgumentException when the URL is not one of them
	 */
	public static FailFastRedis of(String url, Duration commandTimeout) {
		try {
			return new FailFastRedis(url, commandTimeout);
		}
		catch (RuntimeException ex) {
			// the URL may carry a password: it is not repeated
			throw new IllegalArgumentException("MILLGATE_REDIS_URL is not a Redis URL (redis://host:port, "
					+ "redis-sentinel://host:port,host:port#primary or redis-cluster://host:port,host:port): "
					+ String.valueOf(ex.getMessage()).replaceAll("//[^@/]*@", "//***@"), ex);
		}
	}

	/**
	 * Opens a connection: to the one server, to the primary Sentinel names, or to the
	 * cluster.
	 * @param <V> the type of values
	 * @param codec how keys and values are encoded
	 * @return the connection, when open
	 */
	public <V> CompletableFuture<StatefulConnection<String, V>> connect(RedisCodec<String, V> codec) {
		if (this.client instanceof RedisClusterClient clusterClient) {
			// the topology is read from the seeds first (again on every attempt, so that
			// a
			// cluster that changed while disconnected is found as it is now)
			return clusterClient.refreshPartitionsAsync()
				.thenCompose((topology) -> clusterClient.connectAsync(codec))
				.thenApply((connection) -> (StatefulConnection<String, V>) connection)
				.toCompletableFuture();
		}
		return ((RedisClient) this.client).connectAsync(codec, this.uris.get(0))
			.thenApply((connection) -> (StatefulConnection<String, V>) connection)
			.toCompletableFuture();
	}

	/**
	 * The asynchronous commands that every topology has (a key's commands are routed to
	 * its node in a cluster).
	 * @param <V> the type of values
	 * @param connection a connection of {@link #connect}
	 * @return its commands
	 */
	public static <V> RedisClusterAsyncCommands<String, V> async(StatefulConnection<String, V> connection) {
		if (connection instanceof StatefulRedisClusterConnection<String, V> clustered) {
			return clustered.async();
		}
		return ((StatefulRedisConnection<String, V>) connection).async();
	}

	/**
	 * Whether this is a Redis Cluster, in which a script may only touch keys of one slot.
	 * @return true for a cluster
	 */
	public boolean isCluster() {
		return this.cluster;
	}

	/**
	 * Where Redis is, for a log line: the hosts and the topology, never a password.
	 * @return e.g. {@code Redis Cluster at 127.0.0.1:7000,127.0.0.1:7001}
	 */
	public String describe() {
		RedisURI first = this.uris.get(0);
		if (this.cluster) {
			return "Redis Cluster at " + this.uris.stream()
				.map((uri) -> uri.getHost() + ":" + uri.getPort())
				.collect(Collectors.joining(","));
		}
		if (!first.getSentinels().isEmpty()) {
			return "Redis primary '" + first.getSentinelMasterId() + "' of the sentinels at "
					+ first.getSentinels()
						.stream()
						.map((uri) -> uri.getHost() + ":" + uri.getPort())
						.collect(Collectors.joining(","));
		}
		return "Redis at " + first.getHost() + ":" + first.getPort();
	}

	/**
	 * Why a connection failed, for a log line: the first and the deepest cause (which
	 * says, e.g., that the connection was refused).
	 * @param failure the failure
	 * @return its reason
	 */
	public static String reason(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String first = (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null)
				? failure.getCause().getMessage() : failure.getMessage();
		return (root == failure || root.getMessage() == null) ? first : first + ": " + root.getMessage();
	}

	@Override
	public void close() {
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

}
