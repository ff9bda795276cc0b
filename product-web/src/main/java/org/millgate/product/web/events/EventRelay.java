package org.millgate.product.web.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Delivers a product's outbox to Kafka, oldest first, on a thread of its own (never an
 * event loop): each event as a record of its topic with its key, the CloudEvents
 * attributes as {@code ce_} headers (binary content mode), sent with the producer's
 * {@code acks=all} and idempotence; an event leaves the outbox only once Kafka
 * acknowledged it. While Kafka cannot be reached, events wait in the outbox and the relay
 * tries again every second, saying once that it waits and once that it delivered again.
 * Delivery is at least once: consumers recognize a repeated event by its {@code ce_id}.
 * <p>
 * The relay creates the topics it delivers to (with their partitions) before the first
 * delivery, since the platform's broker does not create topics on first use.
 */
public final class EventRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventRelay.class);

	private static final int BATCH = 100;

	private final EventOutbox outbox;

	private final KafkaTemplate<String, String> kafka;

	private final KafkaAdmin admin;

	private final List<NewTopic> topics;

	private final Duration interval;

	private final Duration sendTimeout;

	private ScheduledExecutorService thread;

	private volatile boolean topicsReady;

	private volatile boolean waiting;

	/**
	 * A relay.
	 * @param outbox the outbox it empties
	 * @param kafka the producer
	 * @param admin creates the topics
	 * @param topics the topics of the events it delivers
	 * @param interval how often it looks into the outbox
	 * @param sendTimeout how long one delivery may take before the relay tries again
	 */
	public EventRelay(EventOutbox outbox, KafkaTemplate<String, String> kafka, KafkaAdmin admin, List<NewTopic> topics,
			Duration interval, Duration sendTimeout) {
		this.outbox = outbox;
		this.kafka = kafka;
		this.admin = admin;
		this.topics = List.copyOf(topics);
		this.interval = interval;
		this.sendTimeout = sendTimeout;
	}

	/**
	 * Delivers what the outbox holds, until a delivery fails.
	 * @return how many events were delivered
	 */
	public synchronized int deliver() {
		if (!this.topicsReady) {
			this.admin.createOrModifyTopics(this.topics.toArray(NewTopic[]::new));
			this.topicsReady = true;
		}
		int delivered = 0;
		List<EventOutbox.Pending> next = this.outbox.next(BATCH);
		while (!next.isEmpty()) {
			List<String> done = new ArrayList<>();
			try {
				for (EventOutbox.Pending pending : next) {
					this.kafka.send(record(pending.event())).get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
					done.add(pending.id());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
			}
			finally {
				if (!done.isEmpty()) {
					this.outbox.delivered(done);
					delivered += done.size();
				}
			}
			next = this.outbox.next(BATCH);
		}
		return delivered;
	}

	private void round() {
		try {
			int delivered = deliver();
			if (this.waiting) {
				logger.info("Kafka has the events again: {} delivered from the outbox", delivered);
				this.waiting = false;
			}
		}
		catch (RuntimeException ex) {
			if (!this.waiting) {
				logger.warn("Events wait in the outbox ({} now): Kafka cannot take them ({}); retrying every {} ms",
						this.outbox.waiting(), ex.getMessage(), this.interval.toMillis());
				this.waiting = true;
			}
		}
	}

	static ProducerRecord<String, String> record(OutboxEvent event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.data());
		header(record, "ce_specversion", "1.0");
		header(record, "ce_id", event.id());
		header(record, "ce_source", event.source());
		header(record, "ce_type", event.type());
		header(record, "ce_time", event.time().toString());
		header(record, "ce_subject", event.subject());
		header(record, "ce_dataschema", event.dataschema());
		header(record, "ce_correlationid", event.correlationId());
		header(record, "ce_traceparent", event.traceparent());
		header(record, "content-type", "application/json");
		return record;
	}

	// CloudEvents' Kafka binding: header values are UTF-8 strings; an absent optional
	// attribute is no header
	private static void header(ProducerRecord<String, String> record, String name, String value) {
		if (value != null) {
			record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Override
	public synchronized void start() {
		if (this.thread == null) {
			this.thread = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread relay = new Thread(task, "millgate-event-relay");
				relay.setDaemon(true);
				return relay;
			});
			this.thread.scheduleWithFixedDelay(this::round, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.thread != null) {
			this.thread.shutdownNow();
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	/**
	 * The topics, for the logs.
	 * @return their names
	 */
	public Set<String> topicNames() {
		return Set.copyOf(this.topics.stream().map(NewTopic::name).toList());
	}

}
