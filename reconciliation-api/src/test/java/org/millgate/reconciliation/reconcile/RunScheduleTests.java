package org.millgate.reconciliation.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.reconciliation.store.JdbcReconciliationStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each plant's schedule: a run of every scheduled area once it is due, from where the
 * last finished run of the plant and area ended, none while one is queued or running,
 * none before the interval has passed again. On the service's own store (H2 in memory,
 * the same migrations).
 */
class RunScheduleTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T06:00:00Z"));

	private ReconciliationStore store;

	private Runs runs;

	@BeforeEach
	void runs() {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(database)
			.locations("classpath:db/reconciliation")
			.table("reconciliation_schema_history")
			.load()
			.migrate();
		this.store = new JdbcReconciliationStore(new JdbcTemplate(database),
				new TransactionTemplate(new DataSourceTransactionManager(database)));
		Mismatches mismatches = new Mismatches(this.store, ContractCatalog.load(), "millgate.integration.events.v1",
				this.clock);
		// no report was made: the shipments run reads nothing of the ERP
		this.runs = new Runs(this.store, mismatches, new Runs.Erp(null, null, null, null, null, null),
				new ErpBudget(60_000), new Tolerances(Map.of()), ZoneId.of("UTC"),
				Map.of("1000", new Runs.Schedule(Set.of(Area.SHIPMENTS), Duration.ofHours(6))), this.clock);
	}

	@Test
	void a_plant_s_areas_are_reconciled_when_due_and_not_before() {
		this.runs.scheduleDue();
		Run first = this.store.activeRun("1000", Area.SHIPMENTS).orElseThrow();
		assertThat(first.scheduled()).isTrue();
		assertThat(first.by()).isNull();
		assertThat(first.to()).isEqualTo(this.clock.instant());
		assertThat(first.from()).isEqualTo(this.clock.instant().minus(Duration.ofHours(24)));
		// while it is queued, no second one
		this.runs.scheduleDue();
		assertThat(this.runs.runQueued()).isEqualTo(1);
		assertThat(this.store.run(first.runId()).orElseThrow().state()).isEqualTo(Run.FINISHED);

		// not due again within the interval
		this.clock.advance(Duration.ofHours(5));
		this.runs.scheduleDue();
		assertThat(this.store.activeRun("1000", Area.SHIPMENTS)).isEmpty();

		// due again: from where the last one ended
		this.clock.advance(Duration.ofHours(1));
		this.runs.scheduleDue();
		Run second = this.store.activeRun("1000", Area.SHIPMENTS).orElseThrow();
		assertThat(second.from()).isEqualTo(first.to());
		assertThat(second.to()).isEqualTo(this.clock.instant());
		assertThat(this.store.runs(Set.of("1000"), Area.SHIPMENTS, null, 10)).extracting(Run::runId)
			.containsExactly(second.runId(), first.runId());
		// plants without a schedule are reconciled on demand only
		assertThat(this.store.runs(Set.of("2000"), null, null, 10)).isEqualTo(List.of());
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
