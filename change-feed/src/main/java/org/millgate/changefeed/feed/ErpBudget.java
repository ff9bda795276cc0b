package org.millgate.changefeed.feed;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The load the feed may put on the ERP: at most so many calls in any minute, spread
 * evenly (one call every {@code 60 s / calls}), however far behind the feed is. The
 * feed's own thread waits for its turn; nothing else does.
 */
public final class ErpBudget {

	private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

	private final int perMinute;

	private final long spacing;

	private final LongSupplier nanoClock;

	private final Sleeper sleeper;

	private final Deque<Long> lastMinute = new ArrayDeque<>();

	private long next;

	/**
	 * A budget.
	 * @param perMinute the most calls in any minute
	 */
	public ErpBudget(int perMinute) {
		this(perMinute, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
	}

	ErpBudget(int perMinute, LongSupplier nanoClock, Sleeper sleeper) {
		if (perMinute < 1) {
			throw new IllegalArgumentException("at least one call a minute");
		}
		this.perMinute = perMinute;
		this.spacing = MINUTE / perMinute;
		this.nanoClock = nanoClock;
		this.sleeper = sleeper;
		this.next = nanoClock.getAsLong();
	}

	/**
	 * Waits until the next call is within the budget, and counts it.
	 * @throws InterruptedException when the feed is stopped while waiting
	 */
	public void acquire() throws InterruptedException {
		long wait;
		synchronized (this) {
			long now = this.nanoClock.getAsLong();
			long at = Math.max(now, this.next);
			this.next = at + this.spacing;
			wait = at - now;
			this.lastMinute.addLast(at);
		}
		if (wait > 0) {
			this.sleeper.sleep(wait);
		}
	}

	/**
	 * The calls made in the last minute.
	 * @return the count
	 */
	public synchronized int callsInLastMinute() {
		long now = this.nanoClock.getAsLong();
		while (!this.lastMinute.isEmpty() && this.lastMinute.peekFirst() <= now - MINUTE) {
			this.lastMinute.removeFirst();
		}
		return (int) this.lastMinute.stream().filter((at) -> at <= now).count();
	}

	/**
	 * The most calls in any minute.
	 * @return the limit
	 */
	public int perMinute() {
		return this.perMinute;
	}

	interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

}
