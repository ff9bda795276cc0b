package org.millgate.portal.usage;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.millgate.testing.redis.LocalRedisCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage the gateway writes to a real Redis Cluster, as the portal reads it: every
 * client's hash, wherever its slot is, and names of hashes that expired dropped.
 */
class UsageFiguresTests {

	@TempDir
	Path directory;

	@Test
	void should_read_every_clients_usage_from_a_redis_cluster_and_drop_expired_names() {
		try (LocalRedisCluster cluster = LocalRedisCluster.start(this.directory, 3, 0)) {
			// given usage hashes as the gateway writes them, spread over the primaries,
			// and the name of one that expired
			List<String> clients = spread(cluster, 4);
			String expired = "millgate:usage:inventory:v1:gone-" + UUID.randomUUID();
			RedisClusterClient writer = RedisClusterClient
				.create(cluster.url().replace("redis-cluster://", "redis://"));
			try (StatefulRedisClusterConnection<String, String> connection = writer.connect()) {
				for (String client : clients) {
					String hash = "millgate:usage:inventory:v1:" + client;
					connection.sync().hset(hash, Map.of("requests", "5", "4xx", "1", "429", "1", "last", "1000"));
					connection.sync().sadd("millgate:usage:keys", hash);
				}
				connection.sync().sadd("millgate:usage:keys", expired);

				// when the portal reads them
				List<UsageFigures.Row> rows;
				try (UsageFigures figures = new UsageFigures(cluster.url(), URI.create("http://127.0.0.1:9"))) {
					rows = figures.rows();
				}

				// then every client is there, and the expired name is gone
				assertThat(rows).extracting(UsageFigures.Row::client).containsExactlyInAnyOrderElementsOf(clients);
				assertThat(rows).allSatisfy((row) -> assertThat(row.requests()).isEqualTo(5));
				assertThat(connection.sync().smembers("millgate:usage:keys")).doesNotContain(expired);
			}
			finally {
				writer.shutdown();
			}
		}
	}

	// clients whose hashes live on more than one primary
	private static List<String> spread(LocalRedisCluster cluster, int count) {
		List<String> clients = new ArrayList<>();
		Set<Integer> primaries = new HashSet<>();
		while (clients.size() < count || primaries.size() < 2) {
			String client = "client-" + UUID.randomUUID();
			int primary = cluster.primaryOf("millgate:usage:inventory:v1:" + client);
			if (clients.size() < count - 1 || primaries.size() > 1 || !primaries.contains(primary)) {
				clients.add(client);
				primaries.add(primary);
			}
		}
		return clients;
	}

}
