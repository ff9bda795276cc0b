package org.millgate.reconciliation.reconcile;

import java.time.Instant;

/**
 * A reconciliation run.
 *
 * @param runId its id
 * @param plant the plant
 * @param area what it compares
 * @param scheduled whether the schedule started it (else on demand)
 * @param by who started it on demand, or null
 * @param state {@code QUEUED}, {@code RUNNING}, {@code FINISHED} or {@code FAILED}
 * @param from start of the window
 * @param to end of the window
 * @param requestedAt when it was queued
 * @param startedAt when it started, or null
 * @param finishedAt when it ended, or null
 * @param erpCalls ERP calls made
 * @param comparedErp records read from the ERP
 * @param comparedReported records of the other side
 * @param opened mismatches opened or reopened
 * @param stillOpen open mismatches found again
 * @param closed mismatches closed as no longer found
 * @param failure why it failed, or null
 * @param correlationId the correlation id of the request that queued it, or null
 */
public record Run(String runId, String plant, Area area, boolean scheduled, Actor by, String state, Instant from,
		Instant to, Instant requestedAt, Instant startedAt, Instant finishedAt, int erpCalls, int comparedErp,
		int comparedReported, int opened, int stillOpen, int closed, String failure, String correlationId) {

	public static final String QUEUED = "QUEUED";

	public static final String RUNNING = "RUNNING";

	public static final String FINISHED = "FINISHED";

	public static final String FAILED = "FAILED";

	public boolean active() {
		return QUEUED.equals(this.state) || RUNNING.equals(this.state);
	}

	Run started(Instant at) {
		return new Run(this.runId, this.plant, this.area, this.scheduled, this.by, RUNNING, this.from, this.to,
				this.requestedAt, at, null, 0, 0, 0, 0, 0, 0, null, this.correlationId);
	}

	Run finished(Instant at, int erpCalls, int comparedErp, int comparedReported, int opened, int stillOpen,
			int closed) {
		return new Run(this.runId, this.plant, this.area, this.scheduled, this.by, FINISHED, this.from, this.to,
				this.requestedAt, this.startedAt, at, erpCalls, comparedErp, comparedReported, opened, stillOpen,
				closed, null, this.correlationId);
	}

	Run failed(Instant at, int erpCalls, int comparedErp, int comparedReported, String failure) {
		return new Run(this.runId, this.plant, this.area, this.scheduled, this.by, FAILED, this.from, this.to,
				this.requestedAt, this.startedAt, at, erpCalls, comparedErp, comparedReported, 0, 0, 0, failure,
				this.correlationId);
	}

}
