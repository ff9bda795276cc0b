package org.millgate.portal.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhooks, the events received for them, their deliveries and attempts in the database
 * ({@code portal_webhook*} tables).
 */
final class WebhookStore {

	private static final String DELIVERY_COLUMNS = "d.id, d.webhook_id, d.event_seq, e.event_id, e.event_type, "
			+ "d.subject, e.event_time, d.state, d.attempts, d.next_attempt_at, d.last_attempt_at";

	private final JdbcClient jdbc;

	WebhookStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// webhooks

	void insert(Webhook webhook) {
		this.jdbc
			.sql("INSERT INTO portal_webhook (id, partner_id, url, event_types, secret, created_by, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(webhook.id(), webhook.partnerId(), webhook.url(), String.join(" ", webhook.eventTypes()),
					webhook.secret(), webhook.createdBy(), Timestamp.from(webhook.createdAt()))
			.update();
	}

	Optional<Webhook> webhook(String id) {
		return this.jdbc.sql("SELECT * FROM portal_webhook WHERE id = ?")
			.param(id)
			.query(WebhookStore::webhook)
			.optional();
	}

	List<Webhook> webhooks(String partnerId) {
		return this.jdbc
			.sql("SELECT * FROM portal_webhook WHERE partner_id = ? AND deleted_at IS NULL ORDER BY created_at")
			.param(partnerId)
			.query(WebhookStore::webhook)
			.list();
	}

	List<Webhook> activeWebhooks() {
		return this.jdbc.sql("SELECT * FROM portal_webhook WHERE deleted_at IS NULL")
			.query(WebhookStore::webhook)
			.list();
	}

	/**
	 * Counts a partner's webhooks, locking them until the transaction ends, so that two
	 * created at once cannot both take the last place.
	 */
	long activeWebhooks(String partnerId) {
		return this.jdbc
			.sql("SELECT id FROM portal_webhook WHERE partner_id = ? AND deleted_at IS NULL ORDER BY id FOR UPDATE")
			.param(partnerId)
			.query(String.class)
			.list()
			.size();
	}

	void rotated(String id, String secret, String previous, Instant previousUntil) {
		this.jdbc
			.sql("UPDATE portal_webhook SET secret = ?, previous_secret = ?, previous_secret_until = ? WHERE id = ?")
			.params(secret, previous, Timestamp.from(previousUntil), id)
			.update();
	}

	void deleted(String id, Instant at) {
		this.jdbc.sql("UPDATE portal_webhook SET deleted_at = ? WHERE id = ?").params(Timestamp.from(at), id).update();
		// what still waits for it is not sent any more
		this.jdbc
			.sql("UPDATE portal_webhook_delivery SET state = ?, next_attempt_at = NULL WHERE webhook_id = ? "
					+ "AND state = ?")
			.params(Delivery.DEAD, id, Delivery.PENDING)
			.update();
	}

	// events

	/**
	 * Records an event once.
	 * @return its sequence number, or empty when it was recorded before
	 */
	Optional<Long> insertEvent(ReceivedEvent event, Instant now) {
		if (eventSeq(event.id()).isPresent()) {
			return Optional.empty();
		}
		this.jdbc.sql("INSERT INTO portal_webhook_event (event_id, event_type, subject, ship_to, plant, event_time, "
				+ "topic, kafka_partition, kafka_offset, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(event.id(), event.type(), event.subject(), event.shipTo(), event.plant(),
					Timestamp.from(event.time()), event.topic(), event.partition(), event.offset(), event.body(),
					Timestamp.from(now))
			.update();
		return eventSeq(event.id());
	}

	Optional<Long> eventSeq(String eventId) {
		return this.jdbc.sql("SELECT seq FROM portal_webhook_event WHERE event_id = ?")
			.param(eventId)
			.query(Long.class)
			.optional();
	}

	ReceivedEvent event(long eventSeq) {
		return this.jdbc.sql("SELECT * FROM portal_webhook_event WHERE seq = ?")
			.param(eventSeq)
			.query((rs, row) -> new ReceivedEvent(rs.getString("event_id"), rs.getString("event_type"),
					rs.getString("subject"), rs.getString("ship_to"), rs.getString("plant"), instant(rs, "event_time"),
					rs.getString("topic"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset"),
					rs.getString("body")))
			.single();
	}

	String body(long eventSeq) {
		return this.jdbc.sql("SELECT body FROM portal_webhook_event WHERE seq = ?")
			.param(eventSeq)
			.query(String.class)
			.single();
	}

	/**
	 * The events from a point on that a webhook's partner may receive and the webhook
	 * wants.
	 */
	List<EventRef> eventsFrom(long fromSeq, Instant fromTime, Collection<String> shipTos, Collection<String> types) {
		if (shipTos.isEmpty() || types.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT seq, subject FROM portal_webhook_event WHERE seq >= :seq AND event_time >= :time "
					+ "AND ship_to IN (:shipTos) AND event_type IN (:types) ORDER BY seq")
			.param("seq", fromSeq)
			.param("time", Timestamp.from(fromTime))
			.param("shipTos", shipTos)
			.param("types", types)
			.query((rs, row) -> new EventRef(rs.getLong("seq"), rs.getString("subject")))
			.list();
	}

	/**
	 * Forgets events received before a time, with their deliveries and attempts.
	 * @return how many events were forgotten
	 */
	int prune(Instant before) {
		Timestamp cutoff = Timestamp.from(before);
		String old = "SELECT seq FROM portal_webhook_event WHERE received_at < ?";
		this.jdbc
			.sql("DELETE FROM portal_webhook_attempt WHERE delivery_id IN "
					+ "(SELECT id FROM portal_webhook_delivery WHERE event_seq IN (" + old + "))")
			.param(cutoff)
			.update();
		this.jdbc.sql("DELETE FROM portal_webhook_delivery WHERE event_seq IN (" + old + ")").param(cutoff).update();
		return this.jdbc.sql("DELETE FROM portal_webhook_event WHERE received_at < ?").param(cutoff).update();
	}

	// deliveries

	/**
	 * Queues an event for a webhook: a new delivery, or one delivered or dead before made
	 * pending again (a replay).
	 */
	void queue(String webhookId, EventRef event, Instant now) {
		int updated = this.jdbc
			.sql("UPDATE portal_webhook_delivery SET state = ?, attempts = 0, next_attempt_at = ? "
					+ "WHERE webhook_id = ? AND event_seq = ?")
			.params(Delivery.PENDING, Timestamp.from(now), webhookId, event.seq())
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("INSERT INTO portal_webhook_delivery (webhook_id, event_seq, subject, state, attempts, "
						+ "next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)")
				.params(webhookId, event.seq(), event.subject(), Delivery.PENDING, Timestamp.from(now),
						Timestamp.from(now))
				.update();
		}
	}

	/** Queues an event for a webhook unless it has a delivery already. */
	void queueOnce(String webhookId, EventRef event, Instant now) {
		boolean exists = this.jdbc
			.sql("SELECT COUNT(*) FROM portal_webhook_delivery WHERE webhook_id = ? AND event_seq = ?")
			.params(webhookId, event.seq())
			.query(Long.class)
			.single() > 0;
		if (!exists) {
			queue(webhookId, event, now);
		}
	}

	/**
	 * Deliveries due now, oldest event first, each the first pending one of its webhook
	 * and subject: one subject's events go out in order.
	 */
	List<Delivery> due(Instant now, int limit) {
		return this.jdbc
			.sql("SELECT " + DELIVERY_COLUMNS + " FROM portal_webhook_delivery d "
					+ "JOIN portal_webhook_event e ON e.seq = d.event_seq "
					+ "WHERE d.state = 'PENDING' AND d.next_attempt_at <= ? AND NOT EXISTS ("
					+ "SELECT 1 FROM portal_webhook_delivery b WHERE b.webhook_id = d.webhook_id "
					+ "AND b.subject = d.subject AND b.state = 'PENDING' AND b.event_seq < d.event_seq) "
					+ "ORDER BY d.event_seq FETCH FIRST " + limit + " ROWS ONLY")
			.param(Timestamp.from(now))
			.query(WebhookStore::delivery)
			.list();
	}

	void attempted(long deliveryId, Delivery.Attempt attempt) {
		this.jdbc.sql(
				"INSERT INTO portal_webhook_attempt (delivery_id, at, status, error, duration_ms) VALUES (?, ?, ?, ?, ?)")
			.params(deliveryId, Timestamp.from(attempt.at()), attempt.status(), attempt.error(),
					attempt.durationMillis())
			.update();
	}

	/**
	 * Records an attempt's outcome: its new state and when it is tried next (null when it
	 * is not), unless the delivery was queued again while the attempt was under way (a
	 * replay sets a new {@code next_attempt_at}): then the replay stands and the delivery
	 * goes out again.
	 * @return whether the outcome was recorded
	 */
	boolean outcome(long deliveryId, Instant picked, String state, int attempts, Instant lastAttempt, Instant next) {
		return this.jdbc
			.sql("UPDATE portal_webhook_delivery SET state = ?, attempts = ?, last_attempt_at = ?, next_attempt_at = ? "
					+ "WHERE id = ? AND state = 'PENDING' AND next_attempt_at = ?")
			.params(state, attempts, Timestamp.from(lastAttempt), (next != null) ? Timestamp.from(next) : null,
					deliveryId, Timestamp.from(picked))
			.update() == 1;
	}

	Optional<Delivery> delivery(long id) {
		return this.jdbc
			.sql("SELECT " + DELIVERY_COLUMNS + " FROM portal_webhook_delivery d "
					+ "JOIN portal_webhook_event e ON e.seq = d.event_seq WHERE d.id = ?")
			.param(id)
			.query(WebhookStore::delivery)
			.optional();
	}

	/** A webhook's latest deliveries, newest event first, with their attempts. */
	List<Delivery> deliveries(String webhookId, int limit) {
		List<Delivery> deliveries = this.jdbc
			.sql("SELECT " + DELIVERY_COLUMNS + " FROM portal_webhook_delivery d "
					+ "JOIN portal_webhook_event e ON e.seq = d.event_seq WHERE d.webhook_id = ? "
					+ "ORDER BY d.event_seq DESC FETCH FIRST " + limit + " ROWS ONLY")
			.param(webhookId)
			.query(WebhookStore::delivery)
			.list();
		if (deliveries.isEmpty()) {
			return deliveries;
		}
		Map<Long, List<Delivery.Attempt>> attempts = this.jdbc
			.sql("SELECT * FROM portal_webhook_attempt WHERE delivery_id IN (:ids) ORDER BY id")
			.param("ids", deliveries.stream().map(Delivery::id).toList())
			.query((rs, row) -> Map.entry(rs.getLong("delivery_id"), attempt(rs)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return deliveries.stream()
			.map((delivery) -> delivery.withAttempts(attempts.getOrDefault(delivery.id(), List.of())))
			.toList();
	}

	Map<String, Long> counts(String webhookId) {
		return this.jdbc
			.sql("SELECT state, COUNT(*) AS n FROM portal_webhook_delivery WHERE webhook_id = ? GROUP BY state")
			.param(webhookId)
			.query((rs, row) -> Map.entry(rs.getString("state"), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Every active webhook's deliveries waiting (pending) and given up (dead), with when
	 * the oldest waiting one was queued: for the metrics.
	 * @return one row per active webhook, zero counts included
	 */
	List<Backlog> backlog() {
		return this.jdbc.sql("""
				SELECT w.id, w.partner_id,
				       COUNT(CASE WHEN d.state = 'PENDING' THEN 1 END) AS pending,
				       COUNT(CASE WHEN d.state = 'DEAD' THEN 1 END) AS dead,
				       MIN(CASE WHEN d.state = 'PENDING' THEN d.created_at END) AS oldest_pending
				FROM portal_webhook w LEFT JOIN portal_webhook_delivery d
				  ON d.webhook_id = w.id AND d.state IN ('PENDING', 'DEAD')
				WHERE w.deleted_at IS NULL
				GROUP BY w.id, w.partner_id""")
			.query((rs, row) -> new Backlog(rs.getString("id"), rs.getString("partner_id"), rs.getLong("pending"),
					rs.getLong("dead"), instant(rs, "oldest_pending")))
			.list();
	}

	void audit(Instant at, String actor, String partnerId, String action, String target, String detail) {
		this.jdbc
			.sql("INSERT INTO portal_audit (at, actor, partner_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)")
			.params(Timestamp.from(at), actor, partnerId, action, target, detail)
			.update();
	}

	private static Webhook webhook(ResultSet rs, int row) throws SQLException {
		return new Webhook(rs.getString("id"), rs.getString("partner_id"), rs.getString("url"),
				Arrays.stream(rs.getString("event_types").split(" ")).filter((type) -> !type.isBlank()).toList(),
				rs.getString("secret"), rs.getString("previous_secret"), instant(rs, "previous_secret_until"),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "deleted_at"));
	}

	private static Delivery delivery(ResultSet rs, int row) throws SQLException {
		return new Delivery(rs.getLong("id"), rs.getString("webhook_id"), rs.getLong("event_seq"),
				rs.getString("event_id"), rs.getString("event_type"), rs.getString("subject"),
				instant(rs, "event_time"), rs.getString("state"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
				instant(rs, "last_attempt_at"), List.of());
	}

	private static Delivery.Attempt attempt(ResultSet rs) throws SQLException {
		int code = rs.getInt("status");
		// read at once: wasNull() answers for the last column read
		Integer status = rs.wasNull() ? null : code;
		return new Delivery.Attempt(instant(rs, "at"), status, rs.getString("error"), rs.getInt("duration_ms"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * An event as deliveries refer to it.
	 * @param seq its sequence number
	 * @param subject its subject
	 */
	/**
	 * A webhook's backlog.
	 *
	 * @param webhookId the webhook
	 * @param partnerId its partner
	 * @param pending deliveries waiting for their (next) attempt
	 * @param dead deliveries given up after the last attempt, until replayed
	 * @param oldestPending when the oldest waiting one was queued, or null
	 */
	record Backlog(String webhookId, String partnerId, long pending, long dead, Instant oldestPending) {

	}

	record EventRef(long seq, String subject) {
	}

}
