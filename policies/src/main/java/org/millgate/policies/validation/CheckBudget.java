package org.millgate.policies.validation;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How many responses a route checks per second in {@code report} mode: every one until
 * the second's budget is used, then none until the next second. Report mode watches for
 * contract drift, which a steady sample shows as well as every response does, while
 * checking every response took about 40 % of the full chain's throughput
 * ({@code ./millgate bench}).
 */
final class CheckBudget {

	private static final long SECOND = 1_000_000_000L;

	private final int perSecond;

	private final LongSupplier nanoTime;

	private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);

	private final AtomicInteger used = new AtomicInteger();

	CheckBudget(int perSecond) {
		this(perSecond, System::nanoTime);
	}

	CheckBudget(int perSecond, LongSupplier nanoTime) {
		if (perSecond < 1) {
			throw new IllegalArgumentException(
					"report-checks-per-second must be at least 1 (set the mode to off to check none)");
		}
		this.perSecond = perSecond;
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes one check from this second's budget.
	 * @return true when the response is to be checked
	 */
	boolean tryTake() {
		long now = Math.floorDiv(this.nanoTime.getAsLong(), SECOND);
		long current = this.second.get();
		if (now != current && this.second.compareAndSet(current, now)) {
			this.used.set(0);
		}
		return this.used.incrementAndGet() <= this.perSecond;
	}

}
