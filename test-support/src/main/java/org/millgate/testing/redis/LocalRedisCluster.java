package org.millgate.testing.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster on loopback: primaries, each with replicas, that fail over as a
 * production cluster does (a node timeout of 1 s, so that a replica takes over about two
 * seconds after its primary died), configured as the README advises (the slots of the
 * other primaries served while one fails over).
 */
public final class LocalRedisCluster implements AutoCloseable {

	private final RedisProcesses processes;

	private final List<Integer> ports = new ArrayList<>();

	private LocalRedisCluster(Path directory) {
		this.processes = new RedisProcesses(directory);
	}

	/**
	 * Starts the nodes, joins them into a cluster and waits until every slot is served.
	 * @param directory where the nodes keep their cluster configuration and logs
	 * @param primaries primaries, at least 3
	 * @param replicasPerPrimary replicas of each primary
	 * @return the running cluster
	 */
	public static LocalRedisCluster start(Path directory, int primaries, int replicasPerPrimary) {
		LocalRedisCluster cluster = new LocalRedisCluster(directory);
		try {
			int nodes = primaries * (1 + replicasPerPrimary);
			for (int i = 0; i < nodes; i++) {
				int port = RedisProcesses.freePort();
				cluster.processes.start(port,
						List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
								"--cluster-node-timeout", "1000", "--cluster-replica-validity-factor", "0",
								// as the README advises: the other primaries keep serving
								// their slots while one fails over
								"--cluster-require-full-coverage", "no"));
				cluster.ports.add(port);
			}
			List<String> create = new ArrayList<>(List.of(RedisProcesses.cli(), "--cluster", "create"));
			cluster.ports.forEach((port) -> create.add("127.0.0.1:" + port));
			create.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerPrimary), "--cluster-yes"));
			String created = RedisProcesses.run(create);
			if (!created.contains("All 16384 slots covered")) {
				throw new IllegalStateException("redis-cli --cluster create did not cover every slot: " + created);
			}
			cluster.awaitHealthy(Duration.ofSeconds(20));
			// a replica that has not finished its first sync would lose everything on a
			// failover: the tests start from replicas that have
			RedisProcesses.await(Duration.ofSeconds(20), () -> cluster.ports.stream().allMatch((port) -> {
				String replication = RedisProcesses.cli(port, "INFO", "replication");
				return replication.contains("role:master") || replication.contains("master_link_status:up");
			}), "every replica in sync with its primary");
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * The URL the platform takes for this cluster ({@code MILLGATE_REDIS_URL}).
	 * @return e.g. {@code redis-cluster://127.0.0.1:21000,127.0.0.1:21001}
	 */
	public String url() {
		return "redis-cluster://"
				+ this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/**
	 * The port of the primary that serves a key now.
	 * @param key the key
	 * @return its primary's port
	 */
	public int primaryOf(String key) {
		int any = live();
		int slot = Integer.parseInt(RedisProcesses.cli(any, "CLUSTER", "KEYSLOT", key).strip());
		for (String line : RedisProcesses.cli(any, "CLUSTER", "NODES").split("\n")) {
			String[] fields = line.strip().split(" ");
			if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
				continue;
			}
			for (int i = 8; i < fields.length; i++) {
				String[] range = fields[i].split("-");
				if (range[0].startsWith("[")) {
					continue;
				}
				int from = Integer.parseInt(range[0]);
				int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
				if (slot >= from && slot <= to) {
					return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
				}
			}
		}
		throw new IllegalStateException("No primary serves slot " + slot);
	}

	/**
	 * Kills the primary that serves a key, as a crash would.
	 * @param key the key
	 * @return the killed primary's port
	 */
	public int killPrimaryOf(String key) {
		int port = primaryOf(key);
		this.processes.kill(port);
		return port;
	}

	/**
	 * Waits until a live node reports the cluster healthy: every slot served (after a
	 * failover, by a promoted replica).
	 * @param within how long to wait at most
	 */
	public void awaitHealthy(Duration within) {
		RedisProcesses.await(within,
				() -> this.ports.stream()
					.filter(this.processes::isRunning)
					.allMatch((port) -> RedisProcesses.cli(port, "CLUSTER", "INFO").contains("cluster_state:ok")),
				"the Redis Cluster serving every slot");
	}

	private int live() {
		return this.ports.stream()
			.filter(this.processes::isRunning)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No node of the cluster runs"));
	}

	@Override
	public void close() {
		this.processes.close();
	}

}
