package org.millgate.erp.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A bulkhead for reactive calls: at most {@code maxConcurrent} run at once; others wait
 * in a bounded line (no thread is held) until a slot frees or their wait runs out.
 *
 * <p>
 * Each waiter moves once from waiting to granted, cancelled or expired, so a slot is
 * handed to exactly one caller; a slot granted to a caller that is cancelled at the same
 * moment is freed by that caller's permit, which frees its slot at most once.
 */
public final class ConcurrencyLimiter {

	private final int maxConcurrent;

	private final int maxQueued;

	private final Duration maxWait;

	private final Scheduler timer;

	private final Deque<Waiter> waiting = new ArrayDeque<>();

	private final AtomicInteger peak = new AtomicInteger();

	private int running;

	public ConcurrencyLimiter(int maxConcurrent, int maxQueued, Duration maxWait) {
		this(maxConcurrent, maxQueued, maxWait, Schedulers.parallel());
	}

	ConcurrencyLimiter(int maxConcurrent, int maxQueued, Duration maxWait, Scheduler timer) {
		this.maxConcurrent = maxConcurrent;
		this.maxQueued = maxQueued;
		this.maxWait = maxWait;
		this.timer = timer;
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

	/**
	 * Runs a call that keeps its slot until it ends, even when its caller stops waiting
	 * sooner: a call the caller gave up on (a timeout, a hang-up) still loads the ERP,
	 * which goes on working on it, so its slot is not handed to another call before it
	 * ends. The drill of a slow ERP measured 17 calls in flight at the ERP with a cap of
	 * 16 when slots were freed at the caller's timeout.
	 * @param <T> the result type
	 * @param call the call, subscribed once, when the caller's view is first subscribed
	 * @param caller what the caller waits for, given the running call (a timeout, a
	 * circuit breaker); the call is started only when this subscribes to it
	 * @param abandonAfter how long the call may hold its slot at most
	 * @return the caller's view of the call, or {@link LimitExceeded}
	 */
	public <T> Mono<T> runToEnd(Supplier<Mono<T>> call, Function<Mono<T>, Mono<T>> caller, Duration abandonAfter) {
		return acquire().flatMap((permit) -> {
			AtomicBoolean started = new AtomicBoolean();
			Mono<T> running = Mono.defer(call).timeout(abandonAfter).doFinally((signal) -> permit.free()).cache();
			Mono<T> startedOnce = Mono.deferContextual((context) -> {
				if (started.compareAndSet(false, true)) {
					// to its end, whoever still waits for it
					running.contextWrite(context).subscribe(null, (ignored) -> {
					});
				}
				return running;
			});
			// a caller refused before the call started (an open circuit)
			// gives the slot back
			return caller.apply(startedOnce).doFinally((signal) -> {
				if (!started.get()) {
					permit.free();
				}
			});
		});
	}

	private Mono<Permit> acquire() {
		return Mono.create((sink) -> {
			Waiter waiter = new Waiter(sink);
			sink.onCancel(waiter::cancel);
			boolean free;
			synchronized (this) {
				free = this.running < this.maxConcurrent;
				if (free) {
					this.running++;
					this.peak.accumulateAndGet(this.running, Math::max);
				}
				else if (this.waiting.size() >= this.maxQueued) {
					waiter.state.set(Waiter.EXPIRED);
					sink.error(new LimitExceeded("ERP call queue full: " + this.maxConcurrent + " calls running, "
							+ this.waiting.size() + " waiting"));
					return;
				}
				else {
					this.waiting.add(waiter);
				}
			}
			if (free) {
				// Granted outside the lock: the call starts on this thread.
				if (!waiter.grant()) {
					waiter.permit.free();
				}
				return;
			}
			waiter.expiry = this.timer.schedule(waiter::expire, this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
		});
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

		static final int WAITING = 0;

		static final int GRANTED = 1;

		static final int CANCELLED = 2;

		static final int EXPIRED = 3;

		private final MonoSink<Permit> sink;

		private final AtomicInteger state = new AtomicInteger(WAITING);

		private final Permit permit = new Permit();

		private volatile Disposable expiry;

		Waiter(MonoSink<Permit> sink) {
			this.sink = sink;
		}

		boolean grant() {
			if (!this.state.compareAndSet(WAITING, GRANTED)) {
				return false;
			}
			Disposable timeout = this.expiry;
			if (timeout != null) {
				timeout.dispose();
			}
			this.sink.success(this.permit);
			return true;
		}

		void cancel() {
			if (this.state.compareAndSet(WAITING, CANCELLED)) {
				leaveLine();
			}
			else if (this.state.get() == GRANTED) {
				// Granted while being cancelled: the call may never run, so the permit
				// frees the slot here (and only once, whoever else releases it).
				this.permit.free();
			}
		}

		void expire() {
			if (this.state.compareAndSet(WAITING, EXPIRED)) {
				leaveLine();
				this.sink.error(new LimitExceeded("no free ERP call slot within " + ConcurrencyLimiter.this.maxWait));
			}
		}

		private void leaveLine() {
			synchronized (ConcurrencyLimiter.this) {
				ConcurrencyLimiter.this.waiting.remove(this);
			}
			Disposable timeout = this.expiry;
			if (timeout != null) {
				timeout.dispose();
			}
		}

	}

	private final class Permit {

		private final AtomicBoolean released = new AtomicBoolean();

		Mono<Void> release() {
			return Mono.fromRunnable(this::free);
		}

		void free() {
			if (this.released.compareAndSet(false, true)) {
				ConcurrencyLimiter.this.free();
			}
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
