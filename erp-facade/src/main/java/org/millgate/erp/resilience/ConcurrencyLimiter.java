package org.millgate.erp.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A bulkhead for reactive calls: at most {@code maxConcurrent} run at once; others wait
 * in a bounded line (no thread is held) until a slot frees or their wait runs out. A slot
 * is freed exactly once, whether its call finishes, fails or is cancelled, even when the
 * cancellation races with the hand-over of the slot.
 */
public final class ConcurrencyLimiter {

	private final int maxConcurrent;

	private final int maxQueued;

	private final Duration maxWait;

	private final Deque<Waiter> waiting = new ArrayDeque<>();

	private final AtomicInteger peak = new AtomicInteger();

	private int running;

	public ConcurrencyLimiter(int maxConcurrent, int maxQueued, Duration maxWait) {
		this.maxConcurrent = maxConcurrent;
		this.maxQueued = maxQueued;
		this.maxWait = maxWait;
	}

	/**
	 * Runs a call when a slot is free.
	 * @param <T> the result type
	 * @param call the call, subscribed once a slot is held
	 * @return the call's result, or {@link LimitExceeded} when the line is full or the
	 * wait ran out
	 */
	public <T> Mono<T> run(Supplier<Mono<T>> call) {
		return Mono.usingWhen(acquire(), (permit) -> call.get(), Permit::release, (permit, error) -> permit.release(),
				Permit::release);
	}

	private Mono<Permit> acquire() {
		return Mono.<Permit>create((sink) -> {
			Waiter waiter = new Waiter(sink);
			boolean free;
			synchronized (this) {
				free = this.running < this.maxConcurrent;
				if (free) {
					this.running++;
					this.peak.accumulateAndGet(this.running, Math::max);
				}
				else if (this.waiting.size() >= this.maxQueued) {
					sink.error(new LimitExceeded("ERP call queue full: " + this.maxConcurrent + " calls running, "
							+ this.waiting.size() + " waiting"));
					return;
				}
				else {
					this.waiting.add(waiter);
				}
			}
			// Granted outside the lock: the call starts on this thread.
			if (free) {
				waiter.grant();
				return;
			}
			sink.onCancel(waiter::cancel);
		}).timeout(this.maxWait, Mono.error(() -> new LimitExceeded("no free ERP call slot within " + this.maxWait)));
	}

	// Hands the slot to the next live waiter, or gives it back.
	private void free() {
		while (true) {
			Waiter next;
			synchronized (this) {
				next = this.waiting.poll();
				if (next == null) {
					this.running--;
					return;
				}
			}
			if (next.grant()) {
				return;
			}
		}
	}

	/**
	 * Calls running now.
	 * @return the count
	 */
	public synchronized int running() {
		return this.running;
	}

	/**
	 * Calls waiting now.
	 * @return the count
	 */
	public synchronized int queued() {
		return this.waiting.size();
	}

	/**
	 * The most calls that ever ran at once.
	 * @return the peak
	 */
	public int peak() {
		return this.peak.get();
	}

	private final class Waiter {

		private static final int WAITING = 0;

		private static final int GRANTED = 1;

		private static final int CANCELLED = 2;

		private final MonoSink<Permit> sink;

		private final AtomicInteger state = new AtomicInteger(WAITING);

		private final Permit permit = new Permit();

		Waiter(MonoSink<Permit> sink) {
			this.sink = sink;
		}

		boolean grant() {
			if (!this.state.compareAndSet(WAITING, GRANTED)) {
				return false;
			}
			this.sink.success(this.permit);
			return true;
		}

		void cancel() {
			if (this.state.compareAndSet(WAITING, CANCELLED)) {
				synchronized (ConcurrencyLimiter.this) {
					ConcurrencyLimiter.this.waiting.remove(this);
				}
			}
			else {
				// Granted while being cancelled: the call may never run, so free the slot
				// here;
				// the permit frees it only once.
				this.permit.release().subscribe();
			}
		}

	}

	private final class Permit {

		private final AtomicBoolean released = new AtomicBoolean();

		Mono<Void> release() {
			return Mono.fromRunnable(() -> {
				if (this.released.compareAndSet(false, true)) {
					free();
				}
			});
		}

	}

	/**
	 * No slot could be had.
	 */
	public static final class LimitExceeded extends RuntimeException {

		LimitExceeded(String message) {
			super(message);
		}

	}

}
