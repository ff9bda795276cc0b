package org.millgate.reconciliation.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.millgate.product.web.events.OutboxEvent;
import org.millgate.reconciliation.reconcile.Actor;
import org.millgate.reconciliation.reconcile.Area;
import org.millgate.reconciliation.reconcile.CountPosition;
import org.millgate.reconciliation.reconcile.LedgerEvent;
import org.millgate.reconciliation.reconcile.Mismatch;
import org.millgate.reconciliation.reconcile.MismatchKind;
import org.millgate.reconciliation.reconcile.PostedConfirmation;
import org.millgate.reconciliation.reconcile.ReconciliationStore;
import org.millgate.reconciliation.reconcile.Run;
import org.millgate.reconciliation.reconcile.ShipmentReport;
import org.millgate.reconciliation.reconcile.StockCount;
import org.millgate.reconciliation.reconcile.Subject;
import org.millgate.web.JsonText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reconciliation's store over JDBC: PostgreSQL in production, an H2 file by default.
 * Every method blocks; the web edge calls it on a scheduler for blocking work.
 */
public final class JdbcReconciliationStore implements ReconciliationStore {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final String RUN_COLUMNS = "run_id, plant, area, trigger_kind, by_kind, by_id, state, window_from, "
			+ "window_to, requested_at, started_at, finished_at, erp_calls, compared_erp, compared_reported, opened, "
			+ "still_open, closed, failure, correlation_id";

	private static final String MISMATCH_COLUMNS = "mismatch_id, kind, plant, subject, owner_team, owner_email, "
			+ "evidence, values_digest, accepted_digest, state, resolution, opened_at, last_seen_run_id, revision, "
			+ "resolved_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	/**
	 * A store.
	 * @param template the database
	 * @param transactions its transactions
	 */
	public JdbcReconciliationStore(JdbcTemplate template, TransactionTemplate transactions) {
		this.jdbc = JdbcClient.create(template);
		this.template = template;
		this.transactions = transactions;
	}

	@Override
	public <T> T inTransaction(Function<Transaction, T> work) {
		return this.transactions.execute((status) -> work.apply(new JdbcTransaction()));
	}

	private final class JdbcTransaction implements Transaction {

		@Override
		public Optional<Recorded> kept(Idempotency idempotency) {
			return JdbcReconciliationStore.this.jdbc
				.sql("SELECT fingerprint, response, operation FROM reconciliation_idempotency "
						+ "WHERE client_id = ? AND idem_key = ?")
				.params(idempotency.clientId(), idempotency.key())
				.query((rs,
						row) -> (idempotency.fingerprint().equals(rs.getString(1))
								&& idempotency.operation().equals(rs.getString(3)))
										? (Recorded) new Recorded.Replayed(rs.getString(2)) : new Recorded.KeyReused())
				.optional();
		}

		@Override
		public boolean keep(Idempotency idempotency, String answer, Instant at) {
			try {
				JdbcReconciliationStore.this.jdbc
					.sql("INSERT INTO reconciliation_idempotency (client_id, idem_key, operation, fingerprint, "
							+ "response, created_at) VALUES (?, ?, ?, ?, ?, ?)")
					.params(idempotency.clientId(), idempotency.key(), idempotency.operation(),
							idempotency.fingerprint(), answer, time(at))
					.update();
				return true;
			}
			catch (DuplicateKeyException ex) {
				return false;
			}
		}

		@Override
		public long next(String counter) {
			JdbcReconciliationStore.this.jdbc
				.sql("UPDATE reconciliation_counter SET counter_value = counter_value + 1 WHERE name = ?")
				.param(counter)
				.update();
			return JdbcReconciliationStore.this.jdbc
				.sql("SELECT counter_value FROM reconciliation_counter WHERE name = ?")
				.param(counter)
				.query(Long.class)
				.single();
		}

		@Override
		public void insertCount(StockCount count) {
			JdbcReconciliationStore.this.jdbc
				.sql("INSERT INTO reconciliation_stock_count (count_id, plant, counted_at, received_at, reporter, "
						+ "positions) VALUES (?, ?, ?, ?, ?, ?)")
				.params(count.countId(), count.plant(), time(count.countedAt()), time(count.receivedAt()),
						count.reporter(), count.positions().size())
				.update();
			List<Object[]> rows = new ArrayList<>();
			for (int i = 0; i < count.positions().size(); i++) {
				CountPosition p = count.positions().get(i);
				rows.add(new Object[] { count.countId(), i, p.material(), p.storageLocation(), p.batch(),
						p.stockStatus(), p.quantity(), p.unit() });
			}
			batch("INSERT INTO reconciliation_count_position (count_id, position_no, material, storage_location, "
					+ "batch, stock_status, quantity, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
		}

		@Override
		public void insertShipmentReport(ShipmentReport report) {
			JdbcReconciliationStore.this.jdbc
				.sql("INSERT INTO reconciliation_shipment_report (report_id, shipment_id, plant, status, "
						+ "reporter_system, reporter, reported_at, received_at, client_id) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(report.reportId(), report.shipmentId(), report.plant(), report.status(), report.system(),
						report.reporter(), time(report.reportedAt()), time(report.receivedAt()), report.clientId())
				.update();
		}

		@Override
		public boolean queue(Run run) {
			try {
				JdbcReconciliationStore.this.jdbc
					.sql("INSERT INTO reconciliation_run (" + RUN_COLUMNS + ", seq, active_key) VALUES "
							+ "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
					.params(runValues(run, true))
					.update();
				return true;
			}
			catch (DuplicateKeyException ex) {
				return false;
			}
		}

		@Override
		public void updateRun(Run run) {
			JdbcReconciliationStore.this.jdbc
				.sql("UPDATE reconciliation_run SET state = ?, active_key = ?, started_at = ?, finished_at = ?, "
						+ "erp_calls = ?, compared_erp = ?, compared_reported = ?, opened = ?, still_open = ?, "
						+ "closed = ?, failure = ? WHERE run_id = ?")
				.params(run.state(), run.active() ? run.plant() + "/" + run.area() : null, time(run.startedAt()),
						time(run.finishedAt()), run.erpCalls(), run.comparedErp(), run.comparedReported(), run.opened(),
						run.stillOpen(), run.closed(), run.failure(), run.runId())
				.update();
		}

		@Override
		public Optional<Mismatch> mismatchForUpdate(String mismatchId) {
			return JdbcReconciliationStore.this.jdbc
				.sql("SELECT " + MISMATCH_COLUMNS + " FROM reconciliation_mismatch WHERE mismatch_id = ? FOR UPDATE")
				.param(mismatchId)
				.query((rs, row) -> mismatch(rs, List.of()))
				.optional();
		}

		@Override
		public List<Mismatch> openMismatches(String plant, Area area) {
			return JdbcReconciliationStore.this.jdbc
				.sql("SELECT " + MISMATCH_COLUMNS + " FROM reconciliation_mismatch WHERE plant = ? AND area = ? "
						+ "AND state <> 'RESOLVED' ORDER BY mismatch_id FOR UPDATE")
				.params(plant, area.name())
				.query((rs, row) -> mismatch(rs, List.of()))
				.list();
		}

		@Override
		public void insertMismatch(Mismatch m) {
			JdbcReconciliationStore.this.jdbc
				.sql("INSERT INTO reconciliation_mismatch (" + MISMATCH_COLUMNS + ", area, system_of_record) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(m.mismatchId(), m.kind().name(), m.plant(), JsonText.string(m.subject().json()), m.ownerTeam(),
						m.ownerEmail(), JsonText.string(m.evidence()), m.valuesDigest(), m.acceptedDigest(), m.state(),
						m.resolution(), time(m.openedAt()), m.lastSeenRunId(), m.revision(), null,
						m.kind().area().name(), m.kind().systemOfRecord().name())
				.update();
		}

		@Override
		public void updateMismatch(Mismatch m) {
			JdbcReconciliationStore.this.jdbc
				.sql("UPDATE reconciliation_mismatch SET evidence = ?, values_digest = ?, accepted_digest = ?, "
						+ "state = ?, resolution = ?, opened_at = ?, last_seen_run_id = ?, revision = ?, "
						// resolved now, or still as resolved before; cleared when
						// reopened
						+ "resolved_at = CASE WHEN state = 'RESOLVED' AND ? = 'RESOLVED' THEN resolved_at "
						+ "WHEN ? = 'RESOLVED' THEN CURRENT_TIMESTAMP ELSE NULL END WHERE mismatch_id = ?")
				.params(JsonText.string(m.evidence()), m.valuesDigest(), m.acceptedDigest(), m.state(), m.resolution(),
						time(m.openedAt()), m.lastSeenRunId(), m.revision(), m.state(), m.state(), m.mismatchId())
				.update();
		}

		@Override
		public void appendHistory(String mismatchId, Mismatch.HistoryEntry entry) {
			JdbcReconciliationStore.this.jdbc
				.sql("INSERT INTO reconciliation_mismatch_history (mismatch_id, seq, state, resolution, "
						+ "happened_at, by_kind, by_id, note) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ? "
						+ "FROM reconciliation_mismatch_history WHERE mismatch_id = ?")
				.params(mismatchId, entry.state(), entry.resolution(), time(entry.at()), entry.by().kind(),
						entry.by().id(), entry.note(), mismatchId)
				.update();
		}

		@Override
		public void linkRun(String runId, String mismatchId, String effect) {
			JdbcReconciliationStore.this.jdbc
				.sql("INSERT INTO reconciliation_run_mismatch (run_id, mismatch_id, effect) VALUES (?, ?, ?)")
				.params(runId, mismatchId, effect)
				.update();
		}

		@Override
		public void publish(OutboxEvent event) {
			JdbcOutbox.append(JdbcReconciliationStore.this.jdbc, event);
		}

	}

	@Override
	public void record(Collection<PostedConfirmation> confirmations, Collection<LedgerEvent> events) {
		inTransaction((transaction) -> {
			for (PostedConfirmation c : confirmations) {
				if (exists("SELECT COUNT(*) FROM reconciliation_posted_confirmation WHERE confirmation_id = ?",
						c.confirmationId())) {
					continue;
				}
				this.jdbc
					.sql("INSERT INTO reconciliation_posted_confirmation (confirmation_id, order_id, plant, material, "
							+ "operation, yield_quantity, scrap_quantity, unit, posted_at, idempotency_key, "
							+ "correlation_id, event_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
					.params(c.confirmationId(), c.orderId(), c.plant(), c.material(), c.operation(), c.yield(),
							c.scrap(), c.unit(), time(c.postedAt()), c.idempotencyKey(), c.correlationId(), c.source())
					.update();
			}
			for (LedgerEvent e : events) {
				if (exists("SELECT COUNT(*) FROM reconciliation_event WHERE event_id = ?", e.eventId())) {
					continue;
				}
				this.jdbc
					.sql("INSERT INTO reconciliation_event (event_id, event_type, order_id, shipment_id, occurred_at, "
							+ "published_at, correlation_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
					.params(e.eventId(), e.type(), e.orderId(), e.shipmentId(), time(e.occurredAt()),
							time(e.publishedAt()), truncate(e.correlationId(), 128), truncate(e.detail(), 500))
					.update();
			}
			return null;
		});
	}

	private boolean exists(String sql, String id) {
		return this.jdbc.sql(sql).param(id).query(Integer.class).single() > 0;
	}

	private static String truncate(String text, int length) {
		return (text != null && text.length() > length) ? text.substring(0, length) : text;
	}

	@Override
	public List<LedgerEvent> eventsOfOrder(String orderId) {
		return this.jdbc.sql("SELECT * FROM reconciliation_event WHERE order_id = ? ORDER BY occurred_at, event_id")
			.param(orderId)
			.query((rs, row) -> event(rs))
			.list();
	}

	@Override
	public List<LedgerEvent> eventsOfShipments(Collection<String> shipmentIds) {
		if (shipmentIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT * FROM reconciliation_event WHERE shipment_id IN (:shipments) ORDER BY occurred_at, event_id")
			.param("shipments", List.copyOf(shipmentIds))
			.query((rs, row) -> event(rs))
			.list();
	}

	@Override
	public int forgetEvents(Instant before) {
		return this.jdbc.sql("DELETE FROM reconciliation_event WHERE published_at < ?").param(time(before)).update();
	}

	private static LedgerEvent event(ResultSet rs) throws SQLException {
		return new LedgerEvent(rs.getString("event_id"), rs.getString("event_type"), rs.getString("order_id"),
				rs.getString("shipment_id"), instant(rs, "occurred_at"), instant(rs, "published_at"),
				rs.getString("correlation_id"), rs.getString("detail"));
	}

	@Override
	public List<PostedConfirmation> postedIn(String plant, Instant from, Instant to) {
		return this.jdbc.sql(
				"SELECT * FROM reconciliation_posted_confirmation WHERE plant = ? AND posted_at >= ? AND posted_at < ? "
						+ "ORDER BY posted_at, confirmation_id")
			.params(plant, time(from), time(to))
			.query((rs, row) -> posted(rs))
			.list();
	}

	@Override
	public List<PostedConfirmation> postedFor(Collection<String> orderIds) {
		if (orderIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT * FROM reconciliation_posted_confirmation WHERE order_id IN (:orders)")
			.param("orders", List.copyOf(orderIds))
			.query((rs, row) -> posted(rs))
			.list();
	}

	private static PostedConfirmation posted(ResultSet rs) throws SQLException {
		return new PostedConfirmation(rs.getString("confirmation_id"), rs.getString("order_id"), rs.getString("plant"),
				rs.getString("material"), rs.getString("operation"), rs.getBigDecimal("yield_quantity"),
				rs.getBigDecimal("scrap_quantity"), rs.getString("unit"), instant(rs, "posted_at"),
				rs.getString("idempotency_key"), rs.getString("correlation_id"), rs.getString("event_source"));
	}

	@Override
	public List<StockCount> latestCounts(String plant, Instant from, Instant to, Set<String> besides) {
		// the latest count of each storage location: within the window, or at all for
		// those named besides
		record Latest(String countId, Instant countedAt) {
		}
		Map<String, Latest> latest = new TreeMap<>();
		this.jdbc
			.sql("SELECT DISTINCT p.storage_location, c.count_id, c.counted_at, c.received_at FROM "
					+ "reconciliation_stock_count c JOIN reconciliation_count_position p ON p.count_id = c.count_id "
					+ "WHERE c.plant = ? ORDER BY c.counted_at, c.received_at")
			.param(plant)
			.query((rs) -> {
				String location = rs.getString(1);
				Instant countedAt = instant(rs, "counted_at");
				boolean inWindow = !countedAt.isBefore(from) && countedAt.isBefore(to);
				if (inWindow || besides.contains(location)) {
					latest.put(location, new Latest(rs.getString(2), countedAt));
				}
			});
		Map<String, List<String>> locationsOf = new LinkedHashMap<>();
		latest.forEach((location, count) -> locationsOf.computeIfAbsent(count.countId(), (id) -> new ArrayList<>())
			.add(location));
		List<StockCount> counts = new ArrayList<>();
		locationsOf.forEach((countId, locations) -> {
			StockCount header = this.jdbc
				.sql("SELECT count_id, plant, counted_at, received_at, reporter FROM reconciliation_stock_count "
						+ "WHERE count_id = ?")
				.param(countId)
				.query((rs, row) -> new StockCount(rs.getString(1), rs.getString(2), instant(rs, "counted_at"),
						instant(rs, "received_at"), rs.getString(5), List.of()))
				.single();
			List<CountPosition> positions = this.jdbc
				.sql("SELECT material, storage_location, batch, stock_status, quantity, unit FROM "
						+ "reconciliation_count_position WHERE count_id = :count AND storage_location IN (:locations) "
						+ "ORDER BY position_no")
				.param("count", countId)
				.param("locations", locations)
				.query((rs, row) -> new CountPosition(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getBigDecimal(5), rs.getString(6)))
				.list();
			counts.add(new StockCount(header.countId(), header.plant(), header.countedAt(), header.receivedAt(),
					header.reporter(), positions));
		});
		return counts;
	}

	@Override
	public List<ShipmentReport> latestReports(String plant, Instant from, Instant to, Set<String> besides) {
		Map<String, ShipmentReport> latest = new TreeMap<>();
		this.jdbc.sql("SELECT * FROM reconciliation_shipment_report WHERE plant = ? ORDER BY reported_at, received_at")
			.param(plant)
			.query((rs, row) -> new ShipmentReport(rs.getString("report_id"), rs.getString("shipment_id"),
					rs.getString("plant"), rs.getString("status"), rs.getString("reporter_system"),
					rs.getString("reporter"), instant(rs, "reported_at"), instant(rs, "received_at"),
					rs.getString("client_id")))
			.list()
			.forEach((report) -> {
				boolean inWindow = !report.reportedAt().isBefore(from) && report.reportedAt().isBefore(to);
				if (inWindow || besides.contains(report.shipmentId())) {
					latest.put(report.shipmentId(), report);
				}
			});
		return List.copyOf(latest.values());
	}

	@Override
	public Optional<Run> run(String runId) {
		return this.jdbc.sql("SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE run_id = ?")
			.param(runId)
			.query((rs, row) -> run(rs))
			.optional();
	}

	@Override
	public Optional<Run> nextQueued() {
		return this.jdbc
			.sql("SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE state = 'QUEUED' ORDER BY seq "
					+ "FETCH FIRST 1 ROWS ONLY")
			.query((rs, row) -> run(rs))
			.optional();
	}

	@Override
	public List<Run> running() {
		return this.jdbc.sql("SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE state = 'RUNNING'")
			.query((rs, row) -> run(rs))
			.list();
	}

	@Override
	public Optional<Instant> lastFinishedTo(String plant, Area area) {
		return this.jdbc
			.sql("SELECT MAX(window_to) FROM reconciliation_run WHERE plant = ? AND area = ? AND state = 'FINISHED'")
			.params(plant, area.name())
			.query((rs, row) -> (rs.getObject(1) != null) ? instant(rs, 1) : null)
			.optional();
	}

	@Override
	public Optional<Run> activeRun(String plant, Area area) {
		return this.jdbc.sql("SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE active_key = ?")
			.param(plant + "/" + area)
			.query((rs, row) -> run(rs))
			.optional();
	}

	@Override
	public List<Run> runs(Set<String> plants, Area area, Run after, int limit) {
		StringBuilder sql = new StringBuilder(
				"SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE plant IN (:plants)");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("plants", List.copyOf(plants));
		if (area != null) {
			sql.append(" AND area = :area");
			params.put("area", area.name());
		}
		if (after != null) {
			sql.append(" AND (requested_at < :at OR (requested_at = :at AND run_id > :id))");
			params.put("at", time(after.requestedAt()));
			params.put("id", after.runId());
		}
		sql.append(" ORDER BY requested_at DESC, run_id FETCH FIRST ").append(limit).append(" ROWS ONLY");
		return this.jdbc.sql(sql.toString()).params(params).query((rs, row) -> run(rs)).list();
	}

	@Override
	public Optional<Mismatch> mismatch(String mismatchId) {
		List<Mismatch.HistoryEntry> history = this.jdbc
			.sql("SELECT state, resolution, happened_at, by_kind, by_id, note FROM reconciliation_mismatch_history "
					+ "WHERE mismatch_id = ? ORDER BY seq")
			.param(mismatchId)
			.query((rs, row) -> new Mismatch.HistoryEntry(rs.getString(1), rs.getString(2), instant(rs, 3),
					new Actor(rs.getString(4), rs.getString(5)), rs.getString(6)))
			.list();
		// the latest 200, as the contract promises
		List<Mismatch.HistoryEntry> kept = (history.size() > 200)
				? history.subList(history.size() - 200, history.size()) : history;
		return this.jdbc.sql("SELECT " + MISMATCH_COLUMNS + " FROM reconciliation_mismatch WHERE mismatch_id = ?")
			.param(mismatchId)
			.query((rs, row) -> mismatch(rs, kept))
			.optional();
	}

	@Override
	public List<Mismatch> mismatches(Set<String> plants, String state, MismatchKind kind, String runId, Mismatch after,
			int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + prefixed("m.", MISMATCH_COLUMNS)
				+ " FROM reconciliation_mismatch m WHERE m.plant IN (:plants)");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("plants", List.copyOf(plants));
		if (state != null) {
			sql.append(" AND m.state = :state");
			params.put("state", state);
		}
		if (kind != null) {
			sql.append(" AND m.kind = :kind");
			params.put("kind", kind.name());
		}
		if (runId != null) {
			sql.append(
					" AND m.mismatch_id IN (SELECT mismatch_id FROM reconciliation_run_mismatch WHERE run_id = :run)");
			params.put("run", runId);
		}
		if (after != null) {
			sql.append(" AND (m.opened_at > :at OR (m.opened_at = :at AND m.mismatch_id > :id))");
			params.put("at", time(after.openedAt()));
			params.put("id", after.mismatchId());
		}
		sql.append(" ORDER BY m.opened_at, m.mismatch_id FETCH FIRST ").append(limit).append(" ROWS ONLY");
		return this.jdbc.sql(sql.toString()).params(params).query((rs, row) -> mismatch(rs, List.of())).list();
	}

	@Override
	public Map<String, Map<MismatchKind, Integer>> openCounts() {
		Map<String, Map<MismatchKind, Integer>> counts = new TreeMap<>();
		this.jdbc
			.sql("SELECT plant, kind, COUNT(*) FROM reconciliation_mismatch WHERE state <> 'RESOLVED' "
					+ "GROUP BY plant, kind")
			.query((rs) -> {
				counts.computeIfAbsent(rs.getString(1), (plant) -> new EnumMap<>(MismatchKind.class))
					.put(MismatchKind.valueOf(rs.getString(2)), rs.getInt(3));
			});
		return counts;
	}

	@Override
	public int forgetKeys(Instant before) {
		return this.jdbc.sql("DELETE FROM reconciliation_idempotency WHERE created_at < ?")
			.param(time(before))
			.update();
	}

	private void batch(String sql, List<Object[]> rows) {
		for (int from = 0; from < rows.size(); from += 1000) {
			this.template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + 1000)));
		}
	}

	private static Object[] runValues(Run run, boolean queued) {
		return new Object[] { run.runId(), run.plant(), run.area().name(), run.scheduled() ? "SCHEDULED" : "ON_DEMAND",
				(run.by() != null) ? run.by().kind() : null, (run.by() != null) ? run.by().id() : null, run.state(),
				time(run.from()), time(run.to()), time(run.requestedAt()), time(run.startedAt()),
				time(run.finishedAt()), run.erpCalls(), run.comparedErp(), run.comparedReported(), run.opened(),
				run.stillOpen(), run.closed(), run.failure(), run.correlationId(), seqOf(run.runId()),
				queued ? run.plant() + "/" + run.area() : null };
	}

	private static long seqOf(String runId) {
		return Long.parseLong(runId.substring(runId.lastIndexOf('-') + 1));
	}

	private static Run run(ResultSet rs) throws SQLException {
		String byKind = rs.getString("by_kind");
		return new Run(rs.getString("run_id"), rs.getString("plant"), Area.valueOf(rs.getString("area")),
				"SCHEDULED".equals(rs.getString("trigger_kind")),
				(byKind != null) ? new Actor(byKind, rs.getString("by_id")) : null, rs.getString("state"),
				instant(rs, "window_from"), instant(rs, "window_to"), instant(rs, "requested_at"),
				instant(rs, "started_at"), instant(rs, "finished_at"), rs.getInt("erp_calls"),
				rs.getInt("compared_erp"), rs.getInt("compared_reported"), rs.getInt("opened"), rs.getInt("still_open"),
				rs.getInt("closed"), rs.getString("failure"), rs.getString("correlation_id"));
	}

	private static Mismatch mismatch(ResultSet rs, List<Mismatch.HistoryEntry> history) throws SQLException {
		return new Mismatch(rs.getString("mismatch_id"), MismatchKind.valueOf(rs.getString("kind")),
				rs.getString("plant"), Subject.of(JSON.readValue(rs.getString("subject"), MAP)),
				rs.getString("owner_team"), rs.getString("owner_email"), JSON.readValue(rs.getString("evidence"), MAP),
				rs.getString("values_digest"), rs.getString("accepted_digest"), rs.getString("state"),
				rs.getString("resolution"), instant(rs, "opened_at"), rs.getString("last_seen_run_id"),
				rs.getInt("revision"), history, instant(rs, "resolved_at"));
	}

	private static String prefixed(String prefix, String columns) {
		return prefix + columns.replace(", ", ", " + prefix);
	}

	static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
