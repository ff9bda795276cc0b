package org.millgate.reconciliation.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.GoodsMovements;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.StockLevels;
import org.millgate.erp.shipping.ShipmentTracker;

/**
 * Reconciliation runs: queued on demand or by each plant's schedule, carried out one at a
 * time by this instance's worker within its ERP budget. A run that fails changes no
 * mismatch.
 */
public final class Runs implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Runs.class);

	private static final Duration LONGEST_WINDOW = Duration.ofDays(31);

	private final ReconciliationStore store;

	private final Mismatches mismatches;

	private final ConfirmationsReconciler confirmations;

	private final InventoryReconciler inventory;

	private final ShipmentsReconciler shipments;

	private final ErpBudget budget;

	private final Map<String, Schedule> schedule;

	private final Clock clock;

	private final Object executing = new Object();

	private ScheduledExecutorService worker;

	/**
	 * The ERP ports a run reads.
	 *
	 * @param confirmations confirmations
	 * @param stock stock
	 * @param movements goods movements
	 * @param materials materials
	 * @param deliveries deliveries
	 * @param tracker shipment statuses
	 */
	public record Erp(Confirmations confirmations, StockLevels stock, GoodsMovements movements, Materials materials,
			Deliveries deliveries, ShipmentTracker tracker) {

	}

	/**
	 * A plant's schedule.
	 *
	 * @param areas the areas reconciled
	 * @param every how often
	 */
	public record Schedule(Set<Area> areas, Duration every) {

	}

	/**
	 * Runs.
	 * @param store the store
	 * @param mismatches the mismatches
	 * @param erp the ERP
	 * @param budget the ERP calls per minute of all runs
	 * @param tolerances the tolerances per plant
	 * @param erpZone the ERP's time zone
	 * @param schedule the schedule per plant
	 * @param clock the clock
	 */
	public Runs(ReconciliationStore store, Mismatches mismatches, Erp erp, ErpBudget budget, Tolerances tolerances,
			ZoneId erpZone, Map<String, Schedule> schedule, Clock clock) {
		this.store = store;
		this.mismatches = mismatches;
		this.confirmations = new ConfirmationsReconciler(store, erp.confirmations(), erp.materials(), tolerances);
		this.inventory = new InventoryReconciler(store, erp.stock(), erp.movements(), erp.materials(), tolerances,
				erpZone);
		this.shipments = new ShipmentsReconciler(store, erp.deliveries(), erp.tracker());
		this.budget = budget;
		this.schedule = Map.copyOf(schedule);
		this.clock = clock;
	}

	/**
	 * Queues a run on demand. Blocks.
	 * @param caller who asks
	 * @param plant the plant
	 * @param area the area
	 * @param from start of the window, or null
	 * @param to end of the window, or null
	 * @param correlationId the request's correlation id
	 * @return the run, queued
	 */
	public Run start(Caller caller, String plant, Area area, Instant from, Instant to, String correlationId) {
		if (!caller.sees(plant)) {
			throw Rejection.notFound("plant " + plant);
		}
		Instant now = this.clock.instant();
		Instant end = (to != null) ? to : now;
		if (to != null && to.isAfter(now)) {
			throw new Invalid("/to", "must not lie in the future");
		}
		Instant start = (from != null) ? from
				: this.store.lastFinishedTo(plant, area)
					.filter((last) -> last.isBefore(end))
					.orElse(end.minus(Duration.ofHours(24)));
		if (!start.isBefore(end)) {
			throw new Invalid("/from", "must be before to (" + end + ")");
		}
		if (Duration.between(start, end).compareTo(LONGEST_WINDOW) > 0) {
			throw new Invalid((from != null) ? "/from" : "/to", "the window must not be longer than 31 days");
		}
		return queue(plant, area, false, Mismatches.actor(caller), start, end, now, correlationId)
			.orElseThrow(() -> alreadyRunning(plant, area));
	}

	private Rejection alreadyRunning(String plant, Area area) {
		Optional<Run> active = this.store.activeRun(plant, area);
		String named = active
			.map((run) -> "Run " + run.runId() + " of plant " + plant + " and area " + area + " is " + run.state()
					+ "; start another once it has finished.")
			.orElse("A run of plant " + plant + " and area " + area
					+ " is queued or running; start another once it has finished.");
		return new Rejection("run.alreadyRunning", named);
	}

	private Optional<Run> queue(String plant, Area area, boolean scheduled, Actor by, Instant from, Instant to,
			Instant now, String correlationId) {
		return this.store.inTransaction((transaction) -> {
			String runId = String.format("run-%s-%s-%06d", plant, area, transaction.next("run"));
			Run run = new Run(runId, plant, area, scheduled, by, Run.QUEUED, from, to, now, null, null, 0, 0, 0, 0, 0,
					0, null, correlationId);
			return transaction.queue(run) ? Optional.of(run) : Optional.<Run>empty();
		}).map((run) -> {
			logger.info("Run {} queued ({} {} from {} to {}{})", run.runId(), plant, area, from, to,
					scheduled ? ", scheduled" : ", on demand by " + by.id());
			wake();
			return run;
		});
	}

	/**
	 * A run as the caller may see it.
	 * @param caller who asks
	 * @param runId the run
	 * @return it
	 */
	public Run run(Caller caller, String runId) {
		return this.store.run(runId)
			.filter((run) -> caller.sees(run.plant()))
			.orElseThrow(() -> Rejection.notFound("run " + runId));
	}

	/**
	 * A page of the runs the caller may see, newest first.
	 * @param caller who asks
	 * @param plant only this plant, or null
	 * @param area only this area, or null
	 * @param after the last run of the page before, or null
	 * @param limit at most this many
	 * @return the runs
	 */
	public List<Run> runs(Caller caller, String plant, Area area, Run after, int limit) {
		Set<String> plants = Mismatches.visible(caller, plant);
		return plants.isEmpty() ? List.of() : this.store.runs(plants, area, after, limit);
	}

	/**
	 * Starts the worker: fails the runs a stopped instance left running, then carries out
	 * queued runs and queues scheduled ones.
	 */
	public synchronized void startWorker() {
		for (Run run : this.store.running()) {
			Instant now = this.clock.instant();
			this.store.inTransaction((transaction) -> {
				transaction.updateRun(run.failed(now, run.erpCalls(), run.comparedErp(), run.comparedReported(),
						"The reconciliation service stopped while the run was running; no mismatch was changed."));
				return null;
			});
		}
		this.worker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "reconciliation-runs");
			thread.setDaemon(true);
			return thread;
		});
		this.worker.scheduleWithFixedDelay(this::work, 1, 5, TimeUnit.SECONDS);
	}

	private synchronized void wake() {
		if (this.worker != null) {
			this.worker.execute(this::work);
		}
	}

	// on the worker's thread only
	private void work() {
		try {
			scheduleDue();
			runQueued();
		}
		catch (RuntimeException ex) {
			logger.warn("The reconciliation worker could not read its queue; it tries again", ex);
		}
	}

	/**
	 * Carries out the queued runs, oldest first, on the calling thread. Blocks.
	 * @return how many it carried out
	 */
	public int runQueued() {
		synchronized (this.executing) {
			int carried = 0;
			Optional<Run> next;
			while ((next = this.store.nextQueued()).isPresent()) {
				if (execute(next.get()).isPresent()) {
					carried++;
				}
			}
			return carried;
		}
	}

	// package-private for the schedule's tests
	void scheduleDue() {
		Instant now = this.clock.instant();
		this.schedule.forEach((plant, plan) -> {
			for (Area area : plan.areas()) {
				Optional<Instant> last = this.store.lastFinishedTo(plant, area);
				if (last.isEmpty() || !last.get().plus(plan.every()).isAfter(now)) {
					if (this.store.activeRun(plant, area).isEmpty()) {
						Instant from = last.orElse(now.minus(Duration.ofHours(24)));
						if (Duration.between(from, now).compareTo(LONGEST_WINDOW) > 0) {
							from = now.minus(LONGEST_WINDOW);
						}
						queue(plant, area, true, null, from, now, now, null);
					}
				}
			}
		});
	}

	/**
	 * Carries out one queued run, if this instance claims it. Blocks.
	 * @param queued the run
	 * @return the run as it ended, or empty when another instance claimed it
	 */
	Optional<Run> execute(Run queued) {
		Run running = queued.started(this.clock.instant());
		boolean claimed = this.store.inTransaction((transaction) -> {
			Optional<Run> current = this.store.run(queued.runId());
			if (current.isEmpty() || !Run.QUEUED.equals(current.get().state())) {
				return false;
			}
			transaction.updateRun(running);
			return true;
		});
		if (!claimed) {
			return Optional.empty();
		}
		RunCalls calls = new RunCalls(this.budget);
		try {
			List<Mismatch> open = this.store
				.inTransaction((transaction) -> transaction.openMismatches(running.plant(), running.area()));
			Outcome outcome = switch (running.area()) {
				case CONFIRMATIONS -> this.confirmations.reconcile(running, open, calls);
				case INVENTORY -> this.inventory.reconcile(running, open, calls);
				case SHIPMENTS -> this.shipments.reconcile(running, open, calls);
			};
			Run finished = this.store
				.inTransaction((transaction) -> this.mismatches.apply(transaction, running, outcome, calls.count()));
			logger.info(
					"Run {} finished: {} ERP calls, compared {} from the ERP and {} reported; {} opened, {} "
							+ "still open, {} closed",
					finished.runId(), finished.erpCalls(), finished.comparedErp(), finished.comparedReported(),
					finished.opened(), finished.stillOpen(), finished.closed());
			return Optional.of(finished);
		}
		catch (RuntimeException ex) {
			String failure = failure(running, ex);
			logger.warn("Run {} failed: {}", running.runId(), failure, ex);
			Run failed = running.failed(this.clock.instant(), calls.count(), 0, 0, failure);
			this.store.inTransaction((transaction) -> {
				transaction.updateRun(failed);
				return null;
			});
			return Optional.of(failed);
		}
	}

	private static String failure(Run run, RuntimeException ex) {
		String what = switch (run.area()) {
			case CONFIRMATIONS -> "the confirmations";
			case INVENTORY -> "the stock";
			case SHIPMENTS -> "the shipments";
		};
		String why;
		if (ex instanceof ErpFailure.Timeout) {
			why = "The ERP did not answer in time";
		}
		else if (ex instanceof ErpFailure) {
			why = "The ERP could not be read (" + ex.getClass().getSimpleName() + ")";
		}
		else if (ex.getCause() instanceof java.util.concurrent.TimeoutException) {
			why = "The ERP did not answer in time";
		}
		else {
			why = "An unexpected error occurred";
		}
		return why + " while reading " + what + " of plant " + run.plant() + "; no mismatch was changed.";
	}

	@Override
	public synchronized void close() {
		if (this.worker != null) {
			this.worker.shutdownNow();
			this.worker = null;
		}
	}

}
