package org.millgate.policies.throttle;

import java.util.concurrent.atomic.AtomicInteger;

import org.millgate.contracts.catalog.Priority;

/**
 * Priority lanes in front of one product's backend: a request may start only while the
 * calls in flight stay below its lane's share of the capacity. Low-priority plans are
 * shed at half the capacity, normal ones at 80 %, high ones (line-critical MES) only when
 * the capacity is used up, so production-line calls keep flowing while partners wait.
 * Counted per gateway instance.
 */
public final class PriorityLanes {

	private final int capacity;

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * Lanes for a backend.
	 * @param capacity the calls in flight the backend takes from this gateway instance
	 */
	public PriorityLanes(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1");
		}
		this.capacity = capacity;
	}

	/**
	 * The calls in flight a lane may start below.
	 * @param priority the lane
	 * @return its limit
	 */
	public int limit(Priority priority) {
		return switch (priority) {
			case LOW -> Math.max(1, this.capacity / 2);
			case NORMAL -> Math.max(1, this.capacity * 4 / 5);
			case HIGH -> this.capacity;
		};
	}

	/**
	 * Starts a call when its lane has room; the caller must {@link #leave()} once it
	 * ends.
	 * @param priority the caller's lane
	 * @return whether the call may start
	 */
	public boolean tryEnter(Priority priority) {
		int limit = limit(priority);
		while (true) {
			int current = this.inFlight.get();
			if (current >= limit) {
				return false;
			}
			if (this.inFlight.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	public void leave() {
		this.inFlight.decrementAndGet();
	}

	public int inFlight() {
		return this.inFlight.get();
	}

	public int capacity() {
		return this.capacity;
	}

}
