package org.millgate.changefeed.feed;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The change feed: on a thread of its own, reads each source's next page from the ERP
 * (within the {@link ErpBudget}) and publishes the page's events together with the state
 * they lead to (positions, what is known of each entity) in one Kafka transaction. A
 * consumer that reads committed records (Kafka's {@code isolation.level=read_committed})
 * therefore sees every change once: a feed that dies mid-page leaves an open transaction
 * that its successor aborts, and the successor goes on from the last committed position.
 * <p>
 * The transactional id is fixed, so that a second feed (a restart, a second replica)
 * fences the first: the older one is refused by Kafka from then on and stops. While Kafka
 * or the ERP cannot be reached, the feed retries every interval from its last committed
 * state.
 */
public final class ChangeFeed implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ChangeFeed.class);

	// pages one source reads per round before the others get their turn
	private static final int PAGES_PER_ROUND = 20;

	private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

	private final List<Source> sources;

	private final List<NewTopic> topics;

	private final Settings settings;

	private final ErpBudget budget;

	private final Clock clock;

	private final FeedState state = new FeedState();

	private final Map<String, SourceStatus> statuses = new ConcurrentHashMap<>();

	// the watermark last published per source
	private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();

	private final Counter erpCalls;

	private volatile ScheduledExecutorService thread;

	private volatile boolean ready;

	private volatile boolean fenced;

	private volatile String failure;

	private volatile Instant failingSince;

	private Producer<String, String> producer;

	// drill hook: after this many records sent in one transaction, the feed hangs there
	// as a killed process would (no commit, no abort)
	private volatile int hangAfter = -1;

	private volatile Runnable onHang = () -> {
	};

	/**
	 * A feed.
	 * @param sources the kinds of change it reads, in the order it reads them
	 * @param topics the topics it publishes to (created when missing, with their
	 * contracts' partitions and settings) and its state topic
	 * @param settings where Kafka is and what the feed is called there
	 * @param budget the ERP calls it may make
	 * @param meters where its metrics go
	 * @param clock the clock
	 */
	public ChangeFeed(List<Source> sources, List<NewTopic> topics, Settings settings, ErpBudget budget,
			MeterRegistry meters, Clock clock) {
		this.sources = List.copyOf(sources);
		this.topics = List.copyOf(topics);
		this.settings = settings;
		this.budget = budget;
		this.clock = clock;
		this.erpCalls = Counter.builder("millgate.change_feed.erp.calls")
			.description("Calls the change feed made to the ERP")
			.register(meters);
		Gauge.builder("millgate.change_feed.erp.calls.last_minute", budget, ErpBudget::callsInLastMinute)
			.description("Calls the change feed made to the ERP in the last minute")
			.register(meters);
		Gauge.builder("millgate.change_feed.erp.calls.limit_per_minute", budget, ErpBudget::perMinute)
			.description("The most calls the change feed makes to the ERP in any minute")
			.register(meters);
		for (Source source : this.sources) {
			this.statuses.put(source.name(), new SourceStatus(meters, source.name()));
		}
	}

	/**
	 * Reads and publishes until every source has caught up (or has read its share of
	 * pages for this round). Runs on the feed's thread; tests call it directly while the
	 * feed is not started.
	 * @return how many events were published
	 * @throws InterruptedException when stopped while waiting for the ERP budget
	 */
	public synchronized int round() throws InterruptedException {
		if (this.fenced) {
			return 0;
		}
		int published = 0;
		try {
			if (!this.ready) {
				prepare();
			}
			for (Source source : this.sources) {
				published += drain(source);
			}
			if (this.failure != null) {
				logger.info("The change feed publishes again (failing since {})", this.failingSince);
				this.failure = null;
				this.failingSince = null;
			}
		}
		catch (ProducerFencedException | InvalidProducerEpochException ex) {
			this.fenced = true;
			this.ready = false;
			logger.error("Another change feed with the transactional id '{}' took over; this one stops publishing",
					this.settings.transactionalId());
			closeProducer();
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// the next round starts again from the last committed state
			this.ready = false;
			closeProducer();
			String reason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			if (this.failure == null) {
				this.failingSince = this.clock.instant();
				logger.warn("The change feed cannot publish now ({}); retrying every {} ms from its last committed "
						+ "position", reason, this.settings.interval().toMillis());
			}
			this.failure = reason;
		}
		return published;
	}

	private int drain(Source source) throws Exception {
		SourceStatus status = this.statuses.get(source.name());
		int published = 0;
		for (int page = 0; page < PAGES_PER_ROUND && !this.fenced; page++) {
			this.budget.acquire();
			Source.Poll poll = source.poll(this.state, this.clock.instant(), UUID.randomUUID().toString());
			this.erpCalls.increment(poll.calls());
			// the read's further calls: the next read waits for them
			for (int call = 1; call < poll.calls(); call++) {
				this.budget.acquire();
			}
			status.readAt = this.clock.instant();
			Instant watermark = advanced(source, poll.watermark());
			if (!poll.events().isEmpty() || !poll.updates().isEmpty() || watermark != null) {
				publish(poll, source.name(), watermark);
				this.state.apply(poll.updates());
				if (watermark != null) {
					this.watermarks.put(source.name(), watermark);
				}
				published += poll.events().size();
				status.events.increment(poll.events().size());
				status.published.addAndGet(poll.events().size());
			}
			status.position = this.state.get("position/" + source.name()).orElse(null);
			if (!poll.more()) {
				break;
			}
		}
		return published;
	}

	// the source's new watermark when it moved on by a second or more, else null
	private Instant advanced(Source source, Instant watermark) {
		if (watermark == null) {
			return null;
		}
		Instant published = this.watermarks.get(source.name());
		return (published == null || !watermark.isBefore(published.plusSeconds(1))) ? watermark : null;
	}

	private void publish(Source.Poll poll, String source, Instant watermark) throws Exception {
		this.producer.beginTransaction();
		try {
			int sent = 0;
			List<Future<?>> sends = new ArrayList<>();
			for (FeedEvent event : poll.events()) {
				sends.add(this.producer.send(record(event)));
				sent++;
				hangIfAsked(sent);
			}
			for (Map.Entry<String, String> entry : poll.updates().entrySet()) {
				sends.add(this.producer
					.send(new ProducerRecord<>(this.settings.stateTopic(), entry.getKey(), entry.getValue())));
			}
			if (watermark != null) {
				// visible to consumers together with the events before it, never earlier
				sends.add(this.producer
					.send(new ProducerRecord<>(this.settings.watermarkTopic(), source, watermark.toString())));
			}
			// commit flushes and fails when any send failed
			this.producer.commitTransaction();
			for (Future<?> send : sends) {
				send.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (ProducerFencedException | InvalidProducerEpochException ex) {
			throw ex;
		}
		catch (Exception ex) {
			try {
				this.producer.abortTransaction();
			}
			catch (RuntimeException abort) {
				ex.addSuppressed(abort);
			}
			throw (ex instanceof ExecutionException execution && execution.getCause() instanceof Exception cause)
					? cause : ex;
		}
	}

	private void hangIfAsked(int sent) throws InterruptedException {
		if (sent == this.hangAfter) {
			this.producer.flush();
			logger.warn("Drill: the change feed hangs mid-transaction after {} events", sent);
			this.onHang.run();
			new CountDownLatch(1).await();
		}
	}

	// the topics, then a producer under the feed's transactional id (which aborts what
	// an earlier feed under that id left open, and fences it), then the state it
	// committed
	private void prepare() throws Exception {
		createTopics();
		closeProducer();
		Map<String, Object> config = new HashMap<>();
		config.put("bootstrap.servers", this.settings.bootstrap());
		config.put("transactional.id", this.settings.transactionalId());
		config.put("enable.idempotence", true);
		config.put("acks", "all");
		config.put("max.block.ms", (int) KAFKA_TIMEOUT.toMillis());
		config.put("request.timeout.ms", 5000);
		config.put("delivery.timeout.ms", (int) KAFKA_TIMEOUT.toMillis());
		config.put("transaction.timeout.ms", 60000);
		config.put("linger.ms", 5);
		config.putAll(this.settings.client());
		Producer<String, String> created = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
		try {
			created.initTransactions();
		}
		catch (RuntimeException ex) {
			created.close(Duration.ZERO);
			throw ex;
		}
		this.producer = created;
		Map<String, Object> consumerConfig = new HashMap<>();
		consumerConfig.put("bootstrap.servers", this.settings.bootstrap());
		consumerConfig.put("isolation.level", "read_committed");
		consumerConfig.put("enable.auto.commit", false);
		consumerConfig.put("auto.offset.reset", "earliest");
		consumerConfig.put("default.api.timeout.ms", (int) KAFKA_TIMEOUT.toMillis());
		consumerConfig.putAll(this.settings.client());
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
				new StringDeserializer())) {
			this.state.restore(consumer, this.settings.stateTopic(), Duration.ofSeconds(60));
		}
		Map<String, String> positions = new HashMap<>();
		for (Source source : this.sources) {
			String position = this.state.get("position/" + source.name()).orElse("the beginning");
			positions.put(source.name(), position);
			this.statuses.get(source.name()).position = this.state.get("position/" + source.name()).orElse(null);
		}
		logger.info("The change feed goes on from {} ({} state entries)", positions, this.state.size());
		this.ready = true;
	}

	// the topics that do not exist yet; an existing topic is left as it is
	private void createTopics() throws Exception {
		Map<String, Object> config = new HashMap<>();
		config.put("bootstrap.servers", this.settings.bootstrap());
		config.put("default.api.timeout.ms", 5000);
		config.put("request.timeout.ms", 5000);
		config.putAll(this.settings.client());
		try (Admin admin = Admin.create(config)) {
			Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
			List<NewTopic> missing = this.topics.stream().filter((topic) -> !existing.contains(topic.name())).toList();
			if (!missing.isEmpty()) {
				try {
					admin.createTopics(missing).all().get(5, TimeUnit.SECONDS);
					logger.info("Created the topics {}", missing.stream().map(NewTopic::name).toList());
				}
				catch (ExecutionException ex) {
					// created by someone else in the meantime
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
		}
	}

	private void closeProducer() {
		if (this.producer != null) {
			try {
				this.producer.close(Duration.ZERO);
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the producer failed", ex);
			}
			this.producer = null;
		}
	}

	static ProducerRecord<String, String> record(FeedEvent event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.data());
		header(record, "ce_specversion", "1.0");
		header(record, "ce_id", event.id());
		header(record, "ce_source", FeedEvent.SOURCE);
		header(record, "ce_type", event.type());
		header(record, "ce_time", event.time().toString());
		header(record, "ce_subject", event.subject());
		header(record, "ce_dataschema", event.dataschema());
		header(record, "ce_correlationid", event.correlationId());
		header(record, "content-type", "application/json");
		return record;
	}

	private static void header(ProducerRecord<String, String> record, String name, String value) {
		if (value != null) {
			record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	/**
	 * For drills: makes the feed hang in its next transaction after so many events, as a
	 * killed process leaves it (sent, neither committed nor aborted), until its thread is
	 * interrupted.
	 * @param events the events sent before it hangs
	 * @param onHang told when it hangs
	 */
	public void hangAfter(int events, Runnable onHang) {
		this.onHang = onHang;
		this.hangAfter = events;
	}

	/**
	 * What the feed is doing, for its health and the operators.
	 * @return the status
	 */
	public Status status() {
		Map<String, Status.OfSource> sources = new LinkedHashMap<>();
		for (Source source : this.sources) {
			SourceStatus status = this.statuses.get(source.name());
			sources.put(source.name(), new Status.OfSource(status.position, status.readAt, status.published.get()));
		}
		return new Status(this.ready, this.fenced, this.failure, this.failingSince, this.budget.perMinute(),
				this.budget.callsInLastMinute(), sources);
	}

	@Override
	public synchronized void start() {
		if (this.thread == null) {
			this.thread = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread feed = new Thread(task, "millgate-change-feed");
				feed.setDaemon(true);
				return feed;
			});
			this.thread.scheduleWithFixedDelay(() -> {
				try {
					round();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (Throwable ex) {
					logger.error("The change feed's round failed", ex);
				}
			}, 0, this.settings.interval().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Stops reading: the page under way is published or aborted, no other begins.
	 */
	@Override
	public void stop() {
		ScheduledExecutorService feed = this.thread;
		if (feed != null) {
			feed.shutdownNow();
			try {
				feed.awaitTermination(KAFKA_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this) {
			// a later start restores the state again: another feed may have published
			// since
			this.ready = false;
			closeProducer();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	/**
	 * Where the feed publishes.
	 *
	 * @param bootstrap the Kafka bootstrap servers
	 * @param transactionalId the feed's transactional id
	 * @param stateTopic the compacted topic of its state
	 * @param watermarkTopic the compacted topic of its sources' watermarks (key: the
	 * source's name, value: the ERP change time up to which it has published everything)
	 * @param interval the rest after a round that caught up
	 * @param client more Kafka client settings (security toward a secured cluster)
	 */
	public record Settings(String bootstrap, String transactionalId, String stateTopic, String watermarkTopic,
			Duration interval, Map<String, String> client) {

	}

	/**
	 * What the feed is doing.
	 *
	 * @param ready whether it has restored its state and publishes
	 * @param fenced whether another feed took over
	 * @param failure why it cannot publish now, or null
	 * @param failingSince since when, or null
	 * @param erpCallsPerMinute its budget of ERP calls
	 * @param erpCallsLastMinute the ERP calls of the last minute
	 * @param sources each source's position, last read and events published
	 */
	public record Status(boolean ready, boolean fenced, String failure, Instant failingSince, int erpCallsPerMinute,
			int erpCallsLastMinute, Map<String, OfSource> sources) {

		/**
		 * One source.
		 *
		 * @param position its committed position, or null before the first
		 * @param readAt its last read of the ERP, or null
		 * @param published the events it published since the feed started
		 */
		public record OfSource(String position, Instant readAt, long published) {

		}

	}

	private static final class SourceStatus {

		private final Counter events;

		private final AtomicLong published = new AtomicLong();

		private volatile String position;

		private volatile Instant readAt;

		SourceStatus(MeterRegistry meters, String source) {
			this.events = Counter.builder("millgate.change_feed.events")
				.tag("source", source)
				.description("Events the change feed published")
				.register(meters);
		}

	}

}
