package org.millgate.reconciliation.reconcile;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The ERP calls the runs of one instance may make, spaced evenly: a run waits before a
 * call rather than crowd the ERP. Blocks the run's own thread, never an event loop.
 */
public final class ErpBudget {

	private final long spacingNanos;

	private long next;

	/**
	 * A budget.
	 * @param callsPerMinute the calls per minute, at least one
	 */
	public ErpBudget(int callsPerMinute) {
		if (callsPerMinute < 1) {
			throw new IllegalArgumentException("erp-calls-per-minute must be at least 1");
		}
		this.spacingNanos = TimeUnit.MINUTES.toNanos(1) / callsPerMinute;
		this.next = System.nanoTime();
	}

	/**
	 * Waits until the next call may be made.
	 */
	public void acquire() {
		long wait;
		synchronized (this) {
			long now = System.nanoTime();
			// an idle budget saves up no more than one call
			long at = Math.max(this.next, now);
			this.next = at + this.spacingNanos;
			wait = at - now;
		}
		if (wait > 0) {
			LockSupport.parkNanos(wait);
		}
	}

	/**
	 * The spacing between calls.
	 * @return it
	 */
	public Duration spacing() {
		return Duration.ofNanos(this.spacingNanos);
	}

}
