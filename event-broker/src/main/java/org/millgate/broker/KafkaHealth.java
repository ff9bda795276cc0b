package org.millgate.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Whether the platform's Kafka answers: the cluster as a client sees it (its id and live
 * brokers), asked through one long-lived admin client within 3 seconds. The same check
 * for the embedded broker and for an external cluster. The client is closed before the
 * embedded broker stops, and opened once it runs.
 */
final class KafkaHealth implements HealthIndicator, SmartLifecycle {

	private static final int TIMEOUT_MS = 3000;

	private final BrokerSettings settings;

	private volatile Admin admin;

	private volatile boolean started;

	private volatile String failure;

	KafkaHealth(BrokerSettings settings) {
		this.settings = settings;
	}

	private Admin connect() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.bootstrap(),
				AdminClientConfig.CLIENT_ID_CONFIG, "millgate-event-broker-health",
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				TIMEOUT_MS, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
	}

	@Override
	public Health health() {
		Admin client = this.admin;
		if (client == null) {
			return Health.down()
				.withDetail("reason", (this.failure != null) ? this.failure : "not started")
				.withDetail("mode", this.settings.embedded() ? "embedded" : "external")
				.build();
		}
		Health.Builder health;
		try {
			DescribeClusterResult cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
			String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
			Collection<Node> brokers = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
			health = brokers.isEmpty() ? Health.down().withDetail("reason", "no live broker")
					: Health.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers.size());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			health = Health.down().withDetail("reason", "interrupted");
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			health = Health.down().withDetail("reason", cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		return health.withDetail("mode", this.settings.embedded() ? "embedded" : "external")
			.withDetail("bootstrap", this.settings.bootstrap())
			.build();
	}

	@Override
	public void start() {
		try {
			this.admin = connect();
		}
		catch (RuntimeException ex) {
			// e.g. an external cluster's host that does not resolve: reported DOWN, not a
			// service that does not start
			this.failure = ex.getMessage();
		}
		this.started = true;
	}

	@Override
	public void stop() {
		this.started = false;
		Admin client = this.admin;
		this.admin = null;
		if (client != null) {
			client.close(Duration.ofSeconds(1));
		}
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	/**
	 * Started after the embedded broker and stopped before it (its phase is lower), so
	 * that the client never knocks at a broker not there yet or going away.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 2000;
	}

}
