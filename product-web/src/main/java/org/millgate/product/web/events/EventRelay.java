package org.millgate.product.web.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
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
 * tries again every interval, saying once that it waits and once that it delivers again.
 * Delivery is at least once: consumers recognize a repeated event by its {@code ce_id}.
 * An outbox several instances share is delivered by one relay at a time
 * ({@link EventOutbox#held()}), so that events leave in the order they were booked. An
 * event Kafka refuses for good (too large, not authorized) is dead-lettered
 * ({@link EventOutbox#deadLettered}) and logged as an error, so that it does not hold the
 * events behind it.
 * <p>
 * The relay creates the topics it delivers to that do not exist yet (with the partitions
 * and settings of their contracts) before the first delivery, since the platform's broker
 * does not create topics on first use; an existing topic is left as it is.
 * <p>
 * Events of the types that must not come before the change feed's (a confirmation before
 * its order's release) wait in the outbox until the feed's {@link FeedWatermark} has
 * passed their time, and the events behind them wait with them, in order.
 */
public final class EventRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventRelay.class);

	private static final int BATCH = 100;

	private static final int ROUNDS = 10;

	private final EventOutbox outbox;

	private final KafkaTemplate<String, String> kafka;

	private final KafkaAdmin admin;

	private final List<NewTopic> topics;

	private final Duration interval;

	private final Duration sendTimeout;

	private volatile ScheduledExecutorService thread;

	private volatile boolean running;

	private volatile boolean topicsReady;

	private volatile boolean waiting;

	private final FeedWatermark watermark;

	private final Set<String> afterFeed;

	private volatile String holding;

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
		this(outbox, kafka, admin, topics, interval, sendTimeout, null, Set.of());
	}

	/**
	 * A relay that holds some events until the change feed has published what must come
	 * before them.
	 * @param outbox the outbox it empties
	 * @param kafka the producer
	 * @param admin creates the topics
	 * @param topics the topics of the events it delivers
	 * @param interval how often it looks into the outbox
	 * @param sendTimeout how long one delivery may take before the relay tries again
	 * @param watermark the change feed's watermark, or null
	 * @param afterFeed the event types ({@code ce_type}) delivered only once the
	 * watermark has reached their time
	 */
	public EventRelay(EventOutbox outbox, KafkaTemplate<String, String> kafka, KafkaAdmin admin, List<NewTopic> topics,
			Duration interval, Duration sendTimeout, FeedWatermark watermark, Set<String> afterFeed) {
		if (watermark == null && !afterFeed.isEmpty()) {
			throw new IllegalArgumentException("events to hold for the change feed need its watermark");
		}
		this.watermark = watermark;
		this.afterFeed = Set.copyOf(afterFeed);
		this.outbox = outbox;
		this.kafka = kafka;
		this.admin = admin;
		this.topics = List.copyOf(topics);
		this.interval = interval;
		this.sendTimeout = sendTimeout;
	}

	/**
	 * Delivers what the outbox holds, oldest first, until a delivery fails, the relay is
	 * stopped, or the outbox is another instance's to deliver; one round delivers at most
	 * {@value #ROUNDS} batches, so that a stop is heard.
	 * @return how many events were delivered
	 */
	public synchronized int deliver() {
		if (!this.topicsReady) {
			try {
				createTopics();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			catch (Exception ex) {
				throw new IllegalStateException("the topics cannot be created: " + ex.getMessage(), ex);
			}
			this.topicsReady = true;
		}
		int delivered = 0;
		for (int round = 0; round < ROUNDS && this.running; round++) {
			List<EventOutbox.Pending> next = this.outbox.next(BATCH);
			if (next.isEmpty()) {
				break;
			}
			List<String> done = new ArrayList<>();
			try {
				for (EventOutbox.Pending pending : next) {
					// one relay at a time, and only while it may: the order of the
					// bookings
					if (!this.running || !this.outbox.held() || mustWait(pending.event())) {
						break;
					}
					try {
						this.kafka.send(record(pending.event()))
							.get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
						done.add(pending.id());
					}
					catch (ExecutionException | RuntimeException ex) {
						// refused at once (too large for the producer) or by the broker
						Throwable cause = refusedForGood(ex);
						if (cause == null) {
							throw ex;
						}
						// out of the way of the events behind it, kept aside with the
						// reason
						this.outbox.delivered(done);
						delivered += done.size();
						done.clear();
						String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
						this.outbox.deadLettered(pending, reason);
						logger.error("Event {} ({} on {}) dead-lettered: Kafka refuses it for good ({})",
								pending.event().id(), pending.event().type(), pending.event().topic(), reason);
					}
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
			if (!this.running) {
				break;
			}
		}
		return delivered;
	}

	// the topics that do not exist yet, with the partitions and settings of their
	// contracts; an existing topic is left as it is (more partitions would move keys)
	private void createTopics() throws Exception {
		Map<String, Object> config = new HashMap<>(this.admin.getConfigurationProperties());
		config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		Admin client = Admin.create(config);
		{
			try {
				Set<String> existing = client.listTopics().names().get(5, TimeUnit.SECONDS);
				List<NewTopic> missing = new ArrayList<>();
				List<String> present = new ArrayList<>();
				for (NewTopic topic : this.topics) {
					if (existing.contains(topic.name())) {
						present.add(topic.name());
					}
					else {
						missing.add(topic);
					}
				}
				if (!present.isEmpty()) {
					Map<String, TopicDescription> described = client.describeTopics(present)
						.allTopicNames()
						.get(5, TimeUnit.SECONDS);
					for (NewTopic topic : this.topics) {
						TopicDescription description = described.get(topic.name());
						if (description != null && description.partitions().size() != topic.numPartitions()) {
							logger.warn("Topic {} has {} partitions, its contract {}; left as it is", topic.name(),
									description.partitions().size(), topic.numPartitions());
						}
					}
				}
				if (!missing.isEmpty()) {
					try {
						client.createTopics(missing).all().get(5, TimeUnit.SECONDS);
						logger.info("Created the topics {}", missing.stream().map(NewTopic::name).toList());
					}
					catch (ExecutionException ex) {
						// another relay (another instance) created it in the meantime
						if (!(ex.getCause() instanceof TopicExistsException)) {
							throw ex;
						}
					}
				}
			}
			finally {
				client.close(Duration.ofSeconds(2));
			}
		}
	}

	private void round() {
		try {
			int delivered = deliver();
			if (this.waiting) {
				logger.info("The relay delivers again: {} events delivered from the outbox", delivered);
				this.waiting = false;
			}
		}
		catch (Throwable ex) {
			// a round never ends the relay: the next one tries again
			if (!this.waiting) {
				logger.warn("Events wait in the outbox ({}): they cannot be delivered now ({}); retrying every {} ms",
						waiting(), ex.getMessage(), this.interval.toMillis());
				this.waiting = true;
			}
		}
	}

	// an event that must not come before the change feed's events of the same time (a
	// confirmation before its order's release): it waits while the feed's watermark is
	// before its time, and so does every event behind it
	private boolean mustWait(OutboxEvent event) {
		if (!this.afterFeed.contains(event.type())) {
			return false;
		}
		Instant latest = this.watermark.latest();
		if (latest == null || latest.isBefore(event.time())) {
			latest = this.watermark.read();
		}
		boolean wait = latest == null || latest.isBefore(event.time());
		if (wait && !event.id().equals(this.holding)) {
			logger.info("Event {} ({} at {}) waits for the change feed, which has published the ERP's changes up to {}",
					event.id(), event.type(), event.time(), (latest != null) ? latest : "nothing yet");
			this.holding = event.id();
		}
		else if (!wait && event.id().equals(this.holding)) {
			this.holding = null;
		}
		return wait;
	}

	// what no retry cures: too large, not authorized, not serializable, no such topic
	private static Throwable refusedForGood(Exception failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
					|| cause instanceof InvalidRecordException || cause instanceof SerializationException
					|| cause instanceof TopicAuthorizationException || cause instanceof InvalidTopicException) {
				return cause;
			}
		}
		return null;
	}

	private String waiting() {
		try {
			return this.outbox.waiting() + " now";
		}
		catch (RuntimeException ex) {
			return "how many is unknown: " + ex.getMessage();
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
			this.running = true;
			this.thread = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread relay = new Thread(task, "millgate-event-relay");
				relay.setDaemon(true);
				return relay;
			});
			this.thread.scheduleWithFixedDelay(this::round, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Stops delivering: the delivery under way ends (Kafka's answer to it is awaited, so
	 * that a delivered event leaves the outbox), no other begins.
	 */
	@Override
	public void stop() {
		ScheduledExecutorService relay = this.thread;
		if (relay == null) {
			return;
		}
		this.running = false;
		relay.shutdown();
		try {
			if (!relay.awaitTermination(this.sendTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
				relay.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			relay.shutdownNow();
		}
		if (this.watermark != null) {
			this.watermark.close();
		}
		this.thread = null;
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
