package org.millgate.portal.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries: each signed as Standard Webhooks says, one subject's events in
 * order (the next waits until the one before it is delivered or dead), retried after the
 * configured delays, dead-lettered after the last attempt. A 2xx answer delivers;
 * anything else, no answer in time, or an endpoint that now resolves to an internal
 * address is a failed attempt, recorded with what happened. Redirects are not followed.
 */
class Dispatcher {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final WebhookStore store;

	private final TransactionTemplate transactions;

	private final WebhookSettings settings;

	private final EndpointGuard guard;

	private final DeadLetters deadLetters;

	private final Clock clock;

	private final HttpClient http;

	private final Set<Long> underWay = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService ticks = Executors
		.newSingleThreadScheduledExecutor((task) -> new Thread(task, "webhook-dispatcher"));

	private final ExecutorService senders;

	private volatile Instant lastPrune = Instant.EPOCH;

	Dispatcher(WebhookStore store, TransactionTemplate transactions, WebhookSettings settings, DeadLetters deadLetters,
			Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.settings = settings;
		this.guard = new EndpointGuard(settings.allowHttp(), settings.allowPrivateAddresses());
		this.deadLetters = deadLetters;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.senders = Executors.newFixedThreadPool(settings.concurrency(), (task) -> {
			Thread thread = new Thread(task, "webhook-sender");
			thread.setDaemon(true);
			return thread;
		});
	}

	void start() {
		long interval = this.settings.pollInterval().toMillis();
		this.ticks.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
	}

	void stop() {
		this.ticks.shutdownNow();
		this.senders.shutdown();
		try {
			this.senders.awaitTermination(this.settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void tick() {
		try {
			Instant now = this.clock.instant();
			List<Delivery> due = this.store.due(now, 100);
			for (Delivery delivery : due) {
				if (this.underWay.add(delivery.id())) {
					this.senders.execute(() -> {
						try {
							send(delivery);
						}
						catch (RuntimeException ex) {
							logger.warn("Webhook delivery {} not completed, tried again: {}", delivery.id(),
									ex.toString());
						}
						finally {
							this.underWay.remove(delivery.id());
						}
					});
				}
			}
			if (Duration.between(this.lastPrune, now).toHours() >= 1) {
				this.lastPrune = now;
				int pruned = this.store.prune(now.minus(this.settings.keepEvents()));
				if (pruned > 0) {
					logger.info("Forgot {} webhook events received before {}", pruned,
							now.minus(this.settings.keepEvents()));
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Due webhook deliveries not read: {}", ex.toString());
		}
	}

	private void send(Delivery delivery) {
		Optional<Webhook> found = this.store.webhook(delivery.webhookId()).filter(Webhook::active);
		if (found.isEmpty()) {
			return;
		}
		Webhook webhook = found.get();
		String body = this.store.body(delivery.eventSeq());
		Instant started = this.clock.instant();
		long timestamp = started.getEpochSecond();
		URI uri = URI.create(webhook.url());
		Integer status = null;
		String error = this.guard.refusal(uri);
		long t0 = System.nanoTime();
		if (error == null) {
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(this.settings.timeout())
				.header("Content-Type", WebhookBodies.CONTENT_TYPE)
				.header("User-Agent", "millgate-webhooks/1")
				.header("webhook-id", delivery.eventId())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature",
						Signatures.header(webhook.secretsAt(started), delivery.eventId(), timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			try {
				HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
				status = response.statusCode();
				if (status < 200 || status >= 300) {
					error = "answered " + status;
				}
			}
			catch (HttpTimeoutException ex) {
				error = "no answer within " + this.settings.timeout().toMillis() + " ms";
			}
			catch (IOException ex) {
				error = "not reachable: "
						+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		int duration = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - t0) / 1_000_000);
		Delivery.Attempt attempt = new Delivery.Attempt(started, status,
				(error != null && error.length() > 500) ? error.substring(0, 500) : error, duration);
		int attempts = delivery.attempts() + 1;
		boolean dead = error != null && attempts >= this.settings.attempts();
		String state = (error == null) ? Delivery.DELIVERED : dead ? Delivery.DEAD : Delivery.PENDING;
		Instant next = (error == null || dead) ? null
				: this.clock.instant().plus(this.settings.retryDelays().get(attempts - 1));
		String outcome = error;
		Boolean recorded = this.transactions.execute((tx) -> {
			this.store.attempted(delivery.id(), attempt);
			return this.store.outcome(delivery.id(), delivery.nextAttemptAt(), state, attempts, started, next);
		});
		if (!Boolean.TRUE.equals(recorded)) {
			logger.info("Webhook {}: event {} was queued again while it was being delivered; it goes out again",
					webhook.id(), delivery.eventId());
			return;
		}
		if (outcome == null) {
			logger.debug("Webhook {}: event {} delivered", webhook.id(), delivery.eventId());
		}
		else if (dead) {
			logger.warn("Webhook {} of partner {}: event {} dead-lettered after {} attempts, the last {}", webhook.id(),
					webhook.partnerId(), delivery.eventId(), attempts, outcome);
			this.deadLetters.report("WEBHOOK_SUBSCRIPTION", webhook.id(), located(delivery), "DELIVERY_FAILED",
					"the endpoint " + outcome + " on every attempt", attempts, this.clock.instant());
		}
		else {
			logger.info("Webhook {} of partner {}: event {} attempt {} failed ({}), next at {}", webhook.id(),
					webhook.partnerId(), delivery.eventId(), attempts, outcome, next);
		}
	}

	private ReceivedEvent located(Delivery delivery) {
		return this.store.event(delivery.eventSeq());
	}

}
