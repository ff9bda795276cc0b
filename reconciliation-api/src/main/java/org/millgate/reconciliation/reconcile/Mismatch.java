package org.millgate.reconciliation.reconcile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mismatch as kept: what disagrees, the evidence of the last run that found it, its
 * state and (when read whole) its history.
 *
 * @param mismatchId its stable id
 * @param kind what disagrees
 * @param plant the plant
 * @param subject what it is about
 * @param ownerTeam the owning team
 * @param ownerEmail its address
 * @param evidence both sides, as the last run that found it read them
 * @param valuesDigest a digest of both sides' values
 * @param acceptedDigest the values' digest when it was accepted, or null
 * @param state {@code OPEN}, {@code ACKNOWLEDGED} or {@code RESOLVED}
 * @param resolution how it was resolved, or null
 * @param openedAt when it was (last) opened
 * @param lastSeenRunId the last run that found it
 * @param revision changes with every change
 * @param history every change of state, oldest first (empty when not read)
 * @param resolvedAt when it was resolved, or null unless it is resolved (kept by the
 * store)
 */
public record Mismatch(String mismatchId, MismatchKind kind, String plant, Subject subject, String ownerTeam,
		String ownerEmail, Map<String, Object> evidence, String valuesDigest, String acceptedDigest, String state,
		String resolution, Instant openedAt, String lastSeenRunId, int revision, List<HistoryEntry> history,
		Instant resolvedAt) {

	public static final String OPEN = "OPEN";

	public static final String ACKNOWLEDGED = "ACKNOWLEDGED";

	public static final String RESOLVED = "RESOLVED";

	public Mismatch {
		evidence = new LinkedHashMap<>(evidence);
		history = List.copyOf(history);
	}

	public boolean isOpen() {
		return !RESOLVED.equals(this.state);
	}

	Mismatch seen(Finding finding, String runId) {
		return new Mismatch(this.mismatchId, this.kind, this.plant, this.subject, this.ownerTeam, this.ownerEmail,
				finding.evidence(), finding.valuesDigest(), this.acceptedDigest, this.state, this.resolution,
				this.openedAt, runId, this.revision + 1, this.history, this.resolvedAt);
	}

	Mismatch reopened(Finding finding, String runId, Instant at) {
		return new Mismatch(this.mismatchId, this.kind, this.plant, this.subject, this.ownerTeam, this.ownerEmail,
				finding.evidence(), finding.valuesDigest(), null, OPEN, null, at, runId, this.revision + 1,
				this.history, null);
	}

	Mismatch moved(String state, String resolution, String acceptedDigest) {
		return new Mismatch(this.mismatchId, this.kind, this.plant, this.subject, this.ownerTeam, this.ownerEmail,
				this.evidence, this.valuesDigest, acceptedDigest, state, resolution, this.openedAt, this.lastSeenRunId,
				this.revision + 1, this.history, this.resolvedAt);
	}

	/**
	 * One change of state, or an acknowledgement.
	 *
	 * @param state the state after it
	 * @param resolution the resolution it set, or null
	 * @param at when
	 * @param by who
	 * @param note why, or null
	 */
	public record HistoryEntry(String state, String resolution, Instant at, Actor by, String note) {

	}

}
