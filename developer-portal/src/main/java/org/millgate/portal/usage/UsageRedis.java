package org.millgate.portal.usage;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.RedisClusterURIUtil;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * The Redis the gateway writes usage to, in the topology its URL names (the gateway's own
 * rules): {@code redis://} one server, {@code redis-sentinel://…#primary} the primary
 * Sentinel names, {@code redis-cluster://host:port,…} a Redis Cluster.
 */
final class UsageRedis implements AutoCloseable {

	private final AbstractRedisClient client;

	private final List<RedisURI> uris;

	private StatefulConnection<String, String> connection;

	UsageRedis(String url) {
		String trimmed = url.strip();
		String scheme = trimmed.substring(0, Math.max(trimmed.indexOf(':'), 0)).toLowerCase();
		if (scheme.equals("redis-cluster") || scheme.equals("rediss-cluster")) {
			String plain = (scheme.startsWith("rediss") ? "rediss" : "redis") + trimmed.substring(scheme.length());
			this.uris = RedisClusterURIUtil.toRedisURIs(URI.create(plain));
			this.uris.forEach((uri) -> uri.setTimeout(Duration.ofSeconds(2)));
			RedisClusterClient cluster = RedisClusterClient.create(this.uris);
			cluster.setOptions(ClusterClientOptions.builder()
				.topologyRefreshOptions(
						ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build())
				.build());
			this.client = cluster;
		}
		else {
			RedisURI uri = RedisURI.create(trimmed);
			uri.setTimeout(Duration.ofSeconds(2));
			this.uris = List.of(uri);
			this.client = RedisClient.create();
		}
	}

	/**
	 * The commands every topology has, on a connection opened on first use and opened
	 * again when it was closed.
	 * @return the commands
	 */
	synchronized RedisClusterCommands<String, String> commands() {
		if (this.connection == null || !this.connection.isOpen()) {
			if (this.client instanceof RedisClusterClient cluster) {
				// the topology is read from the seeds first
				cluster.refreshPartitions();
				this.connection = cluster.connect();
			}
			else {
				this.connection = ((RedisClient) this.client).connect(this.uris.get(0));
			}
		}
		if (this.connection instanceof StatefulRedisClusterConnection<String, String> clustered) {
			return clustered.sync();
		}
		return ((StatefulRedisConnection<String, String>) this.connection).sync();
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			this.connection.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
