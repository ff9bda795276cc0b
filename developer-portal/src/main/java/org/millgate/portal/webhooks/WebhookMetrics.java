package org.millgate.portal.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Each webhook subscription's backlog as metrics, read from the database every
 * {@code interval} on a thread of its own: {@code millgate.portal.webhook.deliveries}
 * (tags {@code webhook}, {@code partner}, {@code state} {@code PENDING} or {@code DEAD})
 * and {@code millgate.portal.webhook.oldest.pending} (seconds the oldest waiting delivery
 * has waited, 0 when none), for the event-lag objectives in {@code deploy/observability}.
 */
final class WebhookMetrics implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WebhookMetrics.class);

	private final WebhookStore store;

	private final Clock clock;

	private final Duration interval;

	private final MultiGauge deliveries;

	private final MultiGauge oldestPending;

	private volatile ScheduledExecutorService reader;

	private volatile boolean failing;

	WebhookMetrics(WebhookStore store, MeterRegistry meters, Clock clock, Duration interval) {
		this.store = store;
		this.clock = clock;
		this.interval = interval;
		this.deliveries = MultiGauge.builder("millgate.portal.webhook.deliveries")
			.description("A webhook's deliveries waiting for an attempt (PENDING) or given up (DEAD)")
			.register(meters);
		this.oldestPending = MultiGauge.builder("millgate.portal.webhook.oldest.pending")
			.description("How long a webhook's oldest waiting delivery has waited")
			.baseUnit("seconds")
			.register(meters);
	}

	void read() {
		try {
			List<MultiGauge.Row<?>> counts = new ArrayList<>();
			List<MultiGauge.Row<?>> ages = new ArrayList<>();
			for (WebhookStore.Backlog backlog : this.store.backlog()) {
				Tags tags = Tags.of("webhook", backlog.webhookId(), "partner", backlog.partnerId());
				counts.add(MultiGauge.Row.of(tags.and("state", "PENDING"), backlog.pending()));
				counts.add(MultiGauge.Row.of(tags.and("state", "DEAD"), backlog.dead()));
				ages.add(MultiGauge.Row.of(tags,
						(backlog.oldestPending() != null)
								? Math.max(0,
										Duration.between(backlog.oldestPending(), this.clock.instant()).toSeconds())
								: 0));
			}
			this.deliveries.register(counts, true);
			this.oldestPending.register(ages, true);
			if (this.failing) {
				logger.info("The webhooks' backlog is read again");
				this.failing = false;
			}
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				logger.warn("The webhooks' backlog cannot be read now (the last values stay): {}", ex.toString());
				this.failing = true;
			}
		}
	}

	@Override
	public void start() {
		this.reader = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "webhook-metrics");
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
				running.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.reader != null;
	}

}
