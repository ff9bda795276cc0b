package org.millgate.reconciliation.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.OutboxEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox of the mismatch events, in the same database as the mismatches: an event is
 * written in the transaction that opens its mismatch, so that no opening is without its
 * event nor an event without its opening. One instance's relay delivers at a time,
 * holding a lease renewed before every delivery.
 */
public final class JdbcOutbox implements EventOutbox {

	private final JdbcClient jdbc;

	private final String relay = UUID.randomUUID().toString();

	private final Duration lease;

	private final Clock clock;

	/**
	 * An outbox.
	 * @param jdbc the database
	 * @param lease how long a relay holds the outbox without renewing
	 * @param clock the clock
	 */
	public JdbcOutbox(JdbcClient jdbc, Duration lease, Clock clock) {
		this.jdbc = jdbc;
		this.lease = lease;
		this.clock = clock;
	}

	static void append(JdbcClient jdbc, OutboxEvent event) {
		jdbc.sql("INSERT INTO reconciliation_outbox (topic, record_key, event_id, event_source, event_type, "
				+ "event_subject, event_time, dataschema, correlation_id, traceparent, data) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(event.topic(), event.key(), event.id(), event.source(), event.type(), event.subject(),
					JdbcReconciliationStore.time(event.time()), event.dataschema(), event.correlationId(),
					event.traceparent(), event.data())
			.update();
	}

	@Override
	public void append(OutboxEvent event) {
		append(this.jdbc, event);
	}

	@Override
	public List<Pending> next(int max) {
		return this.jdbc
			.sql("SELECT * FROM reconciliation_outbox WHERE dead_reason IS NULL ORDER BY id FETCH FIRST " + max
					+ " ROWS ONLY")
			.query((rs, row) -> new Pending(rs.getString("id"), event(rs)))
			.list();
	}

	@Override
	public void delivered(List<String> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("DELETE FROM reconciliation_outbox WHERE id IN (:ids)")
				.param("ids", ids.stream().map(Long::valueOf).toList())
				.update();
		}
	}

	@Override
	public boolean held() {
		Instant now = this.clock.instant();
		int taken = this.jdbc
			.sql("UPDATE reconciliation_lease SET holder = ?, until = ? WHERE name = 'outbox' AND "
					+ "(holder IS NULL OR holder = ? OR until < ?)")
			.params(this.relay, JdbcReconciliationStore.time(now.plus(this.lease)), this.relay,
					JdbcReconciliationStore.time(now))
			.update();
		return taken == 1;
	}

	@Override
	public void deadLettered(Pending pending, String reason) {
		this.jdbc.sql("UPDATE reconciliation_outbox SET dead_reason = ?, dead_at = ? WHERE id = ?")
			.params(truncate(reason), JdbcReconciliationStore.time(this.clock.instant()), Long.valueOf(pending.id()))
			.update();
	}

	@Override
	public List<DeadLetter> deadLetters() {
		return this.jdbc.sql("SELECT * FROM reconciliation_outbox WHERE dead_reason IS NOT NULL ORDER BY id")
			.query((rs, row) -> new DeadLetter(rs.getString("id"), event(rs), rs.getString("dead_reason"),
					JdbcReconciliationStore.instant(rs, "dead_at")))
			.list();
	}

	@Override
	public boolean requeue(String id) {
		// back at the end: a new place after the events booked since
		List<OutboxEvent> events = this.jdbc
			.sql("SELECT * FROM reconciliation_outbox WHERE id = ? AND dead_reason IS NOT NULL")
			.param(Long.valueOf(id))
			.query((rs, row) -> event(rs))
			.list();
		if (events.isEmpty()) {
			return false;
		}
		this.jdbc.sql("DELETE FROM reconciliation_outbox WHERE id = ?").param(Long.valueOf(id)).update();
		append(events.get(0));
		return true;
	}

	@Override
	public long waiting() {
		return this.jdbc.sql("SELECT COUNT(*) FROM reconciliation_outbox WHERE dead_reason IS NULL")
			.query(Long.class)
			.single();
	}

	private static OutboxEvent event(ResultSet rs) throws SQLException {
		return new OutboxEvent(rs.getString("topic"), rs.getString("record_key"), rs.getString("event_id"),
				rs.getString("event_source"), rs.getString("event_type"), rs.getString("event_subject"),
				JdbcReconciliationStore.instant(rs, "event_time"), rs.getString("dataschema"),
				rs.getString("correlation_id"), rs.getString("traceparent"), rs.getString("data"));
	}

	private static String truncate(String reason) {
		return (reason != null && reason.length() > 1000) ? reason.substring(0, 1000) : reason;
	}

}
