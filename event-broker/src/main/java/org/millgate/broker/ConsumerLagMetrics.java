package org.millgate.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Every consumer group's lag per topic as the metric {@code millgate.kafka.consumer.lag}
 * (tags {@code group}, {@code topic}): committed records the group has not read yet, read
 * every {@code interval} on a thread of its own (a scrape never waits for Kafka), for the
 * platform's consumers (the portal's webhooks, plant systems with a group of their own)
 * and the event-lag objectives in {@code deploy/observability}. A reading that fails
 * keeps the last values and is logged once until one succeeds again.
 */
final class ConsumerLagMetrics implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerLagMetrics.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final BrokerSettings settings;

	private final MultiGauge lag;

	private final Duration interval;

	private volatile ScheduledExecutorService reader;

	private volatile Admin admin;

	private volatile boolean failing;

	ConsumerLagMetrics(BrokerSettings settings, MeterRegistry meters, Duration interval) {
		this.settings = settings;
		this.interval = interval;
		this.lag = MultiGauge.builder("millgate.kafka.consumer.lag")
			.description("Committed records a consumer group has not read yet, per topic")
			.baseUnit("records")
			.register(meters);
	}

	void read() {
		try {
			List<MultiGauge.Row<?>> rows = new ArrayList<>();
			for (ConsumerGroupLag.Group group : ConsumerGroupLag.read(this.admin, TIMEOUT)) {
				for (Map.Entry<String, Long> topic : group.lagByTopic().entrySet()) {
					rows.add(
							MultiGauge.Row.of(Tags.of("group", group.id(), "topic", topic.getKey()), topic.getValue()));
				}
			}
			this.lag.register(rows, true);
			if (this.failing) {
				logger.info("The consumer groups' lag is read again");
				this.failing = false;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			if (!this.failing) {
				logger.warn("The consumer groups' lag cannot be read now (the last values stay): {}", ex.toString());
				this.failing = true;
			}
		}
	}

	@Override
	public void start() {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.bootstrap(),
				AdminClientConfig.CLIENT_ID_CONFIG, "millgate-event-broker-lag",
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
		this.reader = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "consumer-lag");
			thread.setDaemon(true);
			return thread;
		});
		this.reader.scheduleWithFixedDelay(this::read, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.reader;
		this.reader = null;
		if (running != null) {
			running.shutdownNow();
			try {
				running.awaitTermination(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		Admin client = this.admin;
		this.admin = null;
		if (client != null) {
			client.close(Duration.ofSeconds(1));
		}
	}

	@Override
	public boolean isRunning() {
		return this.reader != null;
	}

	/**
	 * Started after the embedded broker and stopped before it, as the health's client.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 2000;
	}

}
