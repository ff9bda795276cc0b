package org.millgate.reconciliation.reconcile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.millgate.product.web.events.OutboxEvent;

/**
 * Where the reconciliation keeps what it was told and what it found. Every method blocks:
 * call it off any event loop.
 */
public interface ReconciliationStore {

	/**
	 * Does work in one transaction.
	 * @param <T> what the work answers
	 * @param work the work
	 * @return its answer
	 */
	<T> T inTransaction(Function<Transaction, T> work);

	/**
	 * A report answered once per client and key: the first answer is kept for replays.
	 *
	 * @param clientId the client
	 * @param key its idempotency key
	 * @param operation the operation, e.g. {@code reportStockCount}
	 * @param fingerprint a digest of the request
	 */
	record Idempotency(String clientId, String key, String operation, String fingerprint) {

	}

	/**
	 * What became of a report.
	 */
	sealed interface Recorded {

		/**
		 * Recorded now.
		 *
		 * @param answer the answer's body
		 */
		record Fresh(String answer) implements Recorded {

		}

		/**
		 * Recorded before with the same key and body.
		 *
		 * @param answer the first answer's body
		 */
		record Replayed(String answer) implements Recorded {

		}

		/** The key was used with another body. */
		record KeyReused() implements Recorded {

		}

	}

	/**
	 * The work of one transaction.
	 */
	interface Transaction {

		/**
		 * The answer kept for a key, if any, locking nothing.
		 * @param idempotency the key
		 * @return the kept answer
		 */
		Optional<Recorded> kept(Idempotency idempotency);

		/**
		 * Keeps an answer for a key; false when another request kept one first (then this
		 * transaction must roll back).
		 * @param idempotency the key
		 * @param answer the answer
		 * @param at now
		 * @return whether it was kept
		 */
		boolean keep(Idempotency idempotency, String answer, Instant at);

		/**
		 * The next number of a counter.
		 * @param counter {@code run}, {@code count} or {@code report}
		 * @return the number
		 */
		long next(String counter);

		void insertCount(StockCount count);

		void insertShipmentReport(ShipmentReport report);

		/**
		 * Queues a run; false when a run of the same plant and area is queued or running.
		 * @param run the run
		 * @return whether it was queued
		 */
		boolean queue(Run run);

		void updateRun(Run run);

		Optional<Mismatch> mismatchForUpdate(String mismatchId);

		/**
		 * The open and acknowledged mismatches of a plant and area.
		 * @param plant the plant
		 * @param area the area
		 * @return them
		 */
		List<Mismatch> openMismatches(String plant, Area area);

		void insertMismatch(Mismatch mismatch);

		void updateMismatch(Mismatch mismatch);

		void appendHistory(String mismatchId, Mismatch.HistoryEntry entry);

		/**
		 * Counts a mismatch in a run's mismatches.
		 * @param runId the run
		 * @param mismatchId the mismatch
		 * @param effect {@code OPENED}, {@code STILL_OPEN} or {@code CLOSED}
		 */
		void linkRun(String runId, String mismatchId, String effect);

		/**
		 * Adds an event to the outbox, delivered after the transaction commits.
		 * @param event the event
		 */
		void publish(OutboxEvent event);

	}

	/**
	 * Keeps what the event streams carried, in one transaction: confirmations posted
	 * through the platform and the events about orders and shipments; one already kept is
	 * left as it is.
	 * @param confirmations the confirmations posted through the platform
	 * @param events the events
	 */
	void record(Collection<PostedConfirmation> confirmations, Collection<LedgerEvent> events);

	/**
	 * The events kept about a production order.
	 * @param orderId the order
	 * @return them, by the time they happened
	 */
	List<LedgerEvent> eventsOfOrder(String orderId);

	/**
	 * The events kept about some shipments.
	 * @param shipmentIds the shipments
	 * @return them, by the time they happened
	 */
	List<LedgerEvent> eventsOfShipments(Collection<String> shipmentIds);

	/**
	 * Forgets the events kept that reached the streams before a moment.
	 * @param before the moment
	 * @return how many were forgotten
	 */
	int forgetEvents(Instant before);

	/**
	 * The confirmations posted for a plant within a window.
	 * @param plant the plant
	 * @param from from, inclusive
	 * @param to to, exclusive
	 * @return them, by posting time
	 */
	List<PostedConfirmation> postedIn(String plant, Instant from, Instant to);

	/**
	 * The confirmations posted for some orders.
	 * @param orderIds the orders
	 * @return them
	 */
	List<PostedConfirmation> postedFor(Collection<String> orderIds);

	/**
	 * The counts to compare: per storage location of the plant, its latest count within
	 * the window, and for the storage locations named besides, their latest count at all.
	 * @param plant the plant
	 * @param from from, inclusive
	 * @param to to, exclusive
	 * @param besides storage locations to recheck
	 * @return the counts, each with only the positions of the storage locations it is the
	 * latest count of
	 */
	List<StockCount> latestCounts(String plant, Instant from, Instant to, Set<String> besides);

	/**
	 * The reports to compare: per shipment of the plant, its latest report within the
	 * window, and for the shipments named besides, their latest report at all.
	 * @param plant the plant
	 * @param from from, inclusive
	 * @param to to, exclusive
	 * @param besides shipments to recheck
	 * @return the reports
	 */
	List<ShipmentReport> latestReports(String plant, Instant from, Instant to, Set<String> besides);

	Optional<Run> run(String runId);

	/**
	 * The oldest queued run.
	 * @return it, or empty
	 */
	Optional<Run> nextQueued();

	/**
	 * The runs left running by an instance that stopped: they are failed at start.
	 * @return them
	 */
	List<Run> running();

	/**
	 * The end of the window of the last finished run of a plant and area.
	 * @param plant the plant
	 * @param area the area
	 * @return it, or empty
	 */
	Optional<Instant> lastFinishedTo(String plant, Area area);

	/**
	 * The run of a plant and area queued or running.
	 * @param plant the plant
	 * @param area the area
	 * @return it, or empty
	 */
	Optional<Run> activeRun(String plant, Area area);

	/**
	 * A page of runs, newest first.
	 * @param plants the plants to list
	 * @param area only this area, or null
	 * @param after the last run of the page before, or null
	 * @param limit at most this many
	 * @return the runs
	 */
	List<Run> runs(Set<String> plants, Area area, Run after, int limit);

	/**
	 * A mismatch with its history.
	 * @param mismatchId its id
	 * @return it, or empty
	 */
	Optional<Mismatch> mismatch(String mismatchId);

	/**
	 * A page of mismatches, without history, by opening time and id.
	 * @param plants the plants to list
	 * @param state only this state, or null
	 * @param kind only this kind, or null
	 * @param runId only those this run counted, or null
	 * @param after the last mismatch of the page before ({@code openedAt}, id), or null
	 * @param limit at most this many
	 * @return the mismatches
	 */
	List<Mismatch> mismatches(Set<String> plants, String state, MismatchKind kind, String runId, Mismatch after,
			int limit);

	/**
	 * How many mismatches are open or acknowledged, per plant and kind.
	 * @return plant → kind → count
	 */
	java.util.Map<String, java.util.Map<MismatchKind, Integer>> openCounts();

	/**
	 * Forgets the answers kept for idempotency keys before a moment.
	 * @param before the moment
	 * @return how many were forgotten
	 */
	int forgetKeys(Instant before);

}
