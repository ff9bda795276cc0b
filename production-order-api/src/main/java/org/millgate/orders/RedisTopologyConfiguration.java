package org.millgate.orders;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterURIUtil;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis of the idempotency keys and the outbox, in the topology its URL names (the
 * gateway's rules): {@code redis://host:port[/db]} one server,
 * {@code redis-sentinel://host:port,…[/db]#primary} the primary Sentinel names (found
 * again after a failover), {@code redis-cluster://host:port,…} a Redis Cluster (the nodes
 * given being seeds). Spring Boot's own {@code spring.data.redis.url} knows the first
 * form only. While disconnected (a failover, say), commands fail at once instead of
 * waiting in a queue until they time out: the caller is told to retry with its key.
 */
@Configuration(proxyBeanMethods = false)
class RedisTopologyConfiguration {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	LettuceConnectionFactory redisConnectionFactory(ProductionOrderSettings settings) {
		return connectionFactory(settings.idempotency().redis().isBlank() ? "redis://127.0.0.1:6379"
				: settings.idempotency().redis().strip());
	}

	/**
	 * Connections to the Redis a URL names, in its topology.
	 * @param url one of the three forms above
	 * @return the (not yet started) connection factory
	 */
	static LettuceConnectionFactory connectionFactory(String url) {
		if (isCluster(url)) {
			String plain = (url.startsWith("rediss") ? "rediss" : "redis") + url.substring(url.indexOf(':'));
			List<RedisURI> seeds = RedisClusterURIUtil.toRedisURIs(URI.create(plain));
			RedisClusterConfiguration cluster = new RedisClusterConfiguration(
					seeds.stream().map((seed) -> seed.getHost() + ":" + seed.getPort()).toList());
			RedisURI first = seeds.get(0);
			if (first.getPassword() != null) {
				cluster.setPassword(RedisPassword.of(first.getPassword()));
			}
			cluster.setUsername(first.getUsername());
			LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
				.commandTimeout(COMMAND_TIMEOUT)
				.clientOptions(ClusterClientOptions.builder()
					.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
					.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
						.enableAllAdaptiveRefreshTriggers()
						.adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
						.enablePeriodicRefresh(Duration.ofSeconds(30))
						.build())
					.build());
			if (first.isSsl()) {
				client.useSsl();
			}
			return new LettuceConnectionFactory(cluster, client.build());
		}
		RedisURI uri = RedisURI.create(url);
		LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
			.commandTimeout(COMMAND_TIMEOUT)
			.clientOptions(ClientOptions.builder()
				.autoReconnect(true)
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build());
		if (uri.isSsl()) {
			client.useSsl();
		}
		return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client.build());
	}

	/**
	 * Whether a Redis URL names a Redis Cluster, where a script may touch keys of one
	 * slot only.
	 * @param url the URL
	 * @return true for {@code redis-cluster://} and {@code rediss-cluster://}
	 */
	static boolean isCluster(String url) {
		String lower = url.strip().toLowerCase();
		return lower.startsWith("redis-cluster://") || lower.startsWith("rediss-cluster://");
	}

}
