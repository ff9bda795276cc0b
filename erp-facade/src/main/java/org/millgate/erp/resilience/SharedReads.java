package org.millgate.erp.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Shares reads: identical reads that arrive while one is in flight get its result instead
 * of calling the ERP again (request coalescing), and a result is reused for a time to
 * live. A failed read is forgotten at once, so the next caller tries again.
 *
 * @param <K> the key identifying identical reads
 * @param <V> the result
 */
public final class SharedReads<K, V> {

	private static final int SWEEP_EVERY = 256;

	private final AtomicInteger reads = new AtomicInteger();

	private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final Duration timeToLive;

	private final Clock clock;

	/**
	 * Shared reads with a time to live.
	 * @param timeToLive how long a result is reused; zero to share only in-flight reads
	 * @param clock the clock
	 */
	public SharedReads(Duration timeToLive, Clock clock) {
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * The result for a key: shared, reused, or loaded.
	 * @param key identifies identical reads
	 * @param load performs the read
	 * @return the result
	 */
	public Mono<V> get(K key, Supplier<Mono<V>> load) {
		return Mono.defer(() -> {
			// Expired results are dropped now and then, so that memory does not grow with
			// every key ever read.
			if (this.reads.incrementAndGet() % SWEEP_EVERY == 0) {
				this.entries.values().removeIf((entry) -> !entry.usable());
			}
			return this.entries.compute(key, (k, old) -> (old != null && old.usable()) ? old : start(k, load)).result;
		});
	}

	private Entry<V> start(K key, Supplier<Mono<V>> load) {
		Entry<V> entry = new Entry<>();
		entry.result = load.get().doOnSuccess((value) -> entry.loadedAt = this.clock.instant()).doOnError((error) -> {
			entry.failed = true;
			this.entries.remove(key, entry);
		}).cache();
		return entry;
	}

	/**
	 * Forgets every result, e.g. when the data is known to have changed.
	 */
	public void clear() {
		this.entries.clear();
	}

	private final class Entry<T> {

		volatile Mono<T> result;

		volatile Instant loadedAt;

		volatile boolean failed;

		boolean usable() {
			if (this.failed) {
				return false;
			}
			Instant loaded = this.loadedAt;
			return loaded == null
					|| SharedReads.this.clock.instant().isBefore(loaded.plus(SharedReads.this.timeToLive));
		}

	}

}
