package org.millgate.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Redis Sentinel setup on loopback: a primary, a replica and three sentinels
 * (quorum two) watching them under the name {@value #NAME}; a primary that stops
 * answering for a second is replaced by its replica.
 */
public final class LocalRedisSentinel implements AutoCloseable {

	/** The name the sentinels know the primary by. */
	public static final String NAME = "millgate";

	private final RedisProcesses processes;

	private final List<Integer> sentinels = new ArrayList<>();

	private LocalRedisSentinel(Path directory) {
		this.processes = new RedisProcesses(directory);
	}

	/**
	 * Starts the primary, its replica and the sentinels, and waits until the sentinels
	 * know the replica.
	 * @param directory where the servers keep their configuration and logs
	 * @return the running setup
	 */
	public static LocalRedisSentinel start(Path directory) {
		LocalRedisSentinel setup = new LocalRedisSentinel(directory);
		try {
			int primary = RedisProcesses.freePort();
			setup.processes.start(primary, List.of());
			int replica = RedisProcesses.freePort();
			setup.processes.start(replica, List.of("--replicaof", "127.0.0.1", Integer.toString(primary)));
			for (int i = 0; i < 3; i++) {
				int port = RedisProcesses.freePort();
				Path config = directory.resolve("sentinel-" + port + ".conf");
				Files.writeString(config, String.join("\n", "sentinel monitor " + NAME + " 127.0.0.1 " + primary + " 2",
						"sentinel down-after-milliseconds " + NAME + " 1000",
						"sentinel failover-timeout " + NAME + " 5000", "sentinel parallel-syncs " + NAME + " 1", ""));
				setup.processes.start(port, List.of(config.toString(), "--sentinel"));
				setup.sentinels.add(port);
			}
			RedisProcesses.await(Duration.ofSeconds(20),
					() -> RedisProcesses.cli(replica, "INFO", "replication").contains("master_link_status:up"),
					"the replica in sync with the primary");
			RedisProcesses.await(Duration.ofSeconds(20),
					() -> setup.sentinels.stream()
						.allMatch((port) -> RedisProcesses.cli(port, "SENTINEL", "REPLICAS", NAME)
							.contains(Integer.toString(replica))),
					"the sentinels knowing the replica");
			return setup;
		}
		catch (IOException ex) {
			setup.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			setup.close();
			throw ex;
		}
	}

	/**
	 * The URL the platform takes for this setup ({@code MILLGATE_REDIS_URL}).
	 * @return e.g. {@code redis-sentinel://127.0.0.1:21000,127.0.0.1:21001#millgate}
	 */
	public String url() {
		return "redis-sentinel://"
				+ this.sentinels.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(",")) + "#"
				+ NAME;
	}

	/**
	 * The port of the primary the sentinels name now.
	 * @return its port
	 */
	public int primary() {
		for (int sentinel : this.sentinels) {
			String[] answer = RedisProcesses.cli(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", NAME)
				.strip()
				.split("\n");
			if (answer.length == 2) {
				return Integer.parseInt(answer[1].strip());
			}
		}
		throw new IllegalStateException("No sentinel names a primary");
	}

	/**
	 * Kills the primary as a crash would, without waiting.
	 * @return the killed primary's port
	 */
	public int killPrimary() {
		int old = primary();
		this.processes.kill(old);
		return old;
	}

	/**
	 * Waits until the sentinels name a running primary other than the given one.
	 * @param old the primary that was killed
	 * @param within how long at most
	 */
	public void awaitPrimaryOtherThan(int old, Duration within) {
		RedisProcesses.await(within, () -> {
			int now = primary();
			return now != old && RedisProcesses.cli(now, "ROLE").startsWith("master");
		}, "a replica promoted by the sentinels");
	}

	@Override
	public void close() {
		this.processes.close();
	}

}
