package org.millgate.reconciliation.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Owner;
import org.millgate.contracts.problems.Rejection;
import org.millgate.product.web.events.OutboxEvent;
import org.millgate.web.JsonText;

/**
 * How a mismatch moves: opened, found again, reopened or left resolved by a run, closed
 * as no longer found, acknowledged and resolved by people; every change audited in its
 * history, every opening published as a {@code reconciliation-mismatch} event.
 */
public final class Mismatches {

	static final String SOURCE = "/millgate/reconciliation";

	static final String TYPE = "dev.millgate.integration.reconciliation-mismatch";

	static final String DATASCHEMA = "https://millgate.dev/events/integration/v1#/components/schemas/ReconciliationMismatchData";

	private static final Set<String> RESOLUTIONS = Set.of("FIXED_IN_ERP", "FIXED_IN_MES", "FIXED_IN_WMS", "ACCEPTED");

	private final ReconciliationStore store;

	private final ContractCatalog catalog;

	private final String topic;

	private final Clock clock;

	/**
	 * Mismatches.
	 * @param store the store
	 * @param catalog the catalog, whose product owners own the mismatches
	 * @param topic the topic of the integration events
	 * @param clock the clock
	 */
	public Mismatches(ReconciliationStore store, ContractCatalog catalog, String topic, Clock clock) {
		this.store = store;
		this.catalog = catalog;
		this.topic = topic;
		this.clock = clock;
	}

	/**
	 * What a finished run found, applied in one transaction with the run's end.
	 * @param transaction the transaction
	 * @param run the run, still running
	 * @param outcome what it found
	 * @param erpCalls the ERP calls it made
	 * @return the run, finished
	 */
	Run apply(ReconciliationStore.Transaction transaction, Run run, Outcome outcome, int erpCalls) {
		Instant now = this.clock.instant();
		Map<String, Mismatch> open = new LinkedHashMap<>();
		transaction.openMismatches(run.plant(), run.area()).forEach((m) -> open.put(m.mismatchId(), m));
		int opened = 0;
		int stillOpen = 0;
		Set<String> found = new HashSet<>();
		for (Finding finding : outcome.findings()) {
			String id = finding.mismatchId();
			if (!found.add(id)) {
				continue;
			}
			Optional<Mismatch> existing = transaction.mismatchForUpdate(id);
			if (existing.isEmpty()) {
				Owner owner = owner(finding.kind());
				Mismatch mismatch = new Mismatch(id, finding.kind(), finding.plant(), finding.subject(), owner.team(),
						owner.email(), finding.evidence(), finding.valuesDigest(), null, Mismatch.OPEN, null, now,
						run.runId(), 1, List.of(), null);
				transaction.insertMismatch(mismatch);
				transaction.appendHistory(id,
						new Mismatch.HistoryEntry(Mismatch.OPEN, null, now, Actor.run(run.runId()), null));
				transaction.linkRun(run.runId(), id, "OPENED");
				transaction.publish(event(mismatch, false, run, now));
				opened++;
			}
			else if (existing.get().isOpen()) {
				transaction.updateMismatch(existing.get().seen(finding, run.runId()));
				transaction.linkRun(run.runId(), id, "STILL_OPEN");
				stillOpen++;
			}
			else if ("ACCEPTED".equals(existing.get().resolution())
					&& finding.valuesDigest().equals(existing.get().acceptedDigest())) {
				// accepted as it is, and it still is as accepted
				continue;
			}
			else {
				Mismatch reopened = existing.get().reopened(finding, run.runId(), now);
				transaction.updateMismatch(reopened);
				transaction.appendHistory(id, new Mismatch.HistoryEntry(Mismatch.OPEN, null, now,
						Actor.run(run.runId()), "Found again after it was resolved as " + existing.get().resolution()));
				transaction.linkRun(run.runId(), id, "OPENED");
				transaction.publish(event(reopened, true, run, now));
				opened++;
			}
		}
		int closed = 0;
		for (Mismatch mismatch : open.values()) {
			if (found.contains(mismatch.mismatchId())) {
				continue;
			}
			transaction.updateMismatch(mismatch.moved(Mismatch.RESOLVED, "NO_LONGER_FOUND", null));
			transaction.appendHistory(mismatch.mismatchId(),
					new Mismatch.HistoryEntry(Mismatch.RESOLVED, "NO_LONGER_FOUND", now, Actor.run(run.runId()), null));
			transaction.linkRun(run.runId(), mismatch.mismatchId(), "CLOSED");
			closed++;
		}
		Run finished = run.finished(now, erpCalls, outcome.comparedErp(), outcome.comparedReported(), opened, stillOpen,
				closed);
		transaction.updateRun(finished);
		return finished;
	}

	/**
	 * Acknowledges a mismatch: someone has taken it on.
	 * @param caller who
	 * @param mismatchId the mismatch
	 * @param note what is being done, or null
	 * @return the mismatch, with its history
	 */
	public Mismatch acknowledge(Caller caller, String mismatchId, String note) {
		return change(caller, mismatchId, (transaction, mismatch, now) -> {
			if (!mismatch.isOpen()) {
				throw alreadyResolved(mismatch, "acknowledged");
			}
			transaction.updateMismatch(mismatch.moved(Mismatch.ACKNOWLEDGED, null, null));
			transaction.appendHistory(mismatchId,
					new Mismatch.HistoryEntry(Mismatch.ACKNOWLEDGED, null, now, actor(caller), note));
		});
	}

	/**
	 * Resolves a mismatch, audited.
	 * @param caller who
	 * @param mismatchId the mismatch
	 * @param resolution how
	 * @param note why
	 * @return the mismatch, with its history
	 */
	public Mismatch resolve(Caller caller, String mismatchId, String resolution, String note) {
		if (!RESOLUTIONS.contains(resolution)) {
			throw new Rejection("request.invalid",
					"resolution must be one of " + RESOLUTIONS + "; NO_LONGER_FOUND is set by runs only.");
		}
		return change(caller, mismatchId, (transaction, mismatch, now) -> {
			if (!mismatch.isOpen()) {
				throw alreadyResolved(mismatch, "resolved again");
			}
			transaction.updateMismatch(mismatch.moved(Mismatch.RESOLVED, resolution,
					"ACCEPTED".equals(resolution) ? mismatch.valuesDigest() : null));
			transaction.appendHistory(mismatchId,
					new Mismatch.HistoryEntry(Mismatch.RESOLVED, resolution, now, actor(caller), note));
		});
	}

	private interface Change {

		void apply(ReconciliationStore.Transaction transaction, Mismatch mismatch, Instant now);

	}

	private Mismatch change(Caller caller, String mismatchId, Change change) {
		this.store.inTransaction((transaction) -> {
			Mismatch mismatch = transaction.mismatchForUpdate(mismatchId)
				.filter((m) -> caller.sees(m.plant()))
				.orElseThrow(() -> Rejection.notFound("mismatch " + mismatchId));
			change.apply(transaction, mismatch, this.clock.instant());
			return null;
		});
		return this.store.mismatch(mismatchId).orElseThrow();
	}

	private Rejection alreadyResolved(Mismatch mismatch, String what) {
		List<Mismatch.HistoryEntry> history = this.store.mismatch(mismatch.mismatchId())
			.map(Mismatch::history)
			.orElse(List.of());
		Mismatch.HistoryEntry last = history.isEmpty() ? null : history.get(history.size() - 1);
		String how = (last != null) ? " as " + mismatch.resolution()
				+ ("RUN".equals(last.by().kind()) ? " by run " + last.by().id() : "") + " on " + last.at()
				: " as " + mismatch.resolution();
		return new Rejection("mismatch.alreadyResolved",
				"Mismatch " + mismatch.mismatchId() + " was resolved" + how + "; it can no longer be " + what + ".");
	}

	/**
	 * The mismatch as the caller may see it.
	 * @param caller who asks
	 * @param mismatchId the mismatch
	 * @return it, with its history
	 */
	public Mismatch mismatch(Caller caller, String mismatchId) {
		return this.store.mismatch(mismatchId)
			.filter((m) -> caller.sees(m.plant()))
			.orElseThrow(() -> Rejection.notFound("mismatch " + mismatchId));
	}

	/**
	 * A page of the mismatches the caller may see.
	 * @param caller who asks
	 * @param plant only this plant, or null
	 * @param state only this state, or null
	 * @param kind only this kind, or null
	 * @param runId only those this run counted, or null
	 * @param after the last of the page before, or null
	 * @param limit at most this many
	 * @return the mismatches
	 */
	public List<Mismatch> mismatches(Caller caller, String plant, String state, MismatchKind kind, String runId,
			Mismatch after, int limit) {
		Set<String> plants = visible(caller, plant);
		if (plants.isEmpty()) {
			return List.of();
		}
		return this.store.mismatches(plants, state, kind, runId, after, limit);
	}

	static Set<String> visible(Caller caller, String plant) {
		if (plant == null) {
			return caller.plants();
		}
		return caller.sees(plant) ? Set.of(plant) : Set.of();
	}

	static Actor actor(Caller caller) {
		return new Actor("CLIENT", caller.clientId());
	}

	private Owner owner(MismatchKind kind) {
		return this.catalog.product(kind.owningProduct())
			.map((product) -> product.owner())
			.orElse(new Owner("Integration Operations", "integration-operations@millgate.dev"));
	}

	private OutboxEvent event(Mismatch mismatch, boolean reopened, Run run, Instant now) {
		Map<String, Object> owner = new LinkedHashMap<>();
		owner.put("plant", mismatch.plant());
		owner.put("team", mismatch.ownerTeam());
		owner.put("email", mismatch.ownerEmail());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("mismatchId", mismatch.mismatchId());
		data.put("kind", mismatch.kind().name());
		data.put("reopened", reopened);
		data.put("plant", mismatch.plant());
		data.put("subject", mismatch.subject().json());
		data.put("systemOfRecord", mismatch.kind().systemOfRecord().name());
		data.put("owner", owner);
		data.put("runId", run.runId());
		data.put("detectedAt", now.toString());
		String key = mismatch.subject().eventKey(mismatch.plant());
		return new OutboxEvent(this.topic, key, "reconciliation/" + mismatch.mismatchId() + "/" + run.runId(), SOURCE,
				TYPE, key, now, DATASCHEMA, (run.correlationId() != null) ? run.correlationId() : run.runId(), null,
				JsonText.string(data));
	}

}
