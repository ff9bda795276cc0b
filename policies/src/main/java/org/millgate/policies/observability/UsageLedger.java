package org.millgate.policies.observability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.millgate.contracts.usage.LatencyBuckets;

/**
 * What each client did with each product version: requests, client errors, throttled
 * calls, server errors, a latency histogram and the last call. Counted in memory on the
 * request path (a map lookup and a few atomic additions) and written to a shared store
 * (Redis) by {@link #flush()} every few seconds, where the developer portal reads it.
 * Each flush writes what was counted since the last successful one, so a failed write
 * loses nothing and a call counted during a flush is written by the next.
 * {@link #flush()} is not called concurrently with itself.
 */
public final class UsageLedger {

	private static final Logger logger = LoggerFactory.getLogger(UsageLedger.class);

	private final ConcurrentHashMap<Key, Tally> pending = new ConcurrentHashMap<>();

	private final Sink sink;

	private volatile boolean failing;

	private final AtomicBoolean flushing = new AtomicBoolean();

	/**
	 * A ledger that writes to a store.
	 * @param sink the shared store, or null to keep the counts in this instance only
	 */
	public UsageLedger(Sink sink) {
		this.sink = sink;
	}

	/**
	 * Counts one call.
	 * @param client the client id
	 * @param product the product
	 * @param version the version, e.g. {@code v1}
	 * @param status the status answered
	 * @param nanos how long it took
	 */
	public void record(String client, String product, String version, int status, long nanos) {
		if (client == null || product == null || version == null) {
			return;
		}
		this.pending.computeIfAbsent(new Key(client, product, version), (key) -> new Tally())
			.add(status, nanos, System.currentTimeMillis());
	}

	/**
	 * Writes what was counted since the last flush.
	 * @return completes when written (or when writing failed: the counts stay)
	 */
	public Mono<Void> flush() {
		if (this.sink == null || !this.flushing.compareAndSet(false, true)) {
			// one flush at a time: the next tick writes what this one would have
			return Mono.empty();
		}
		List<Counts> batch = new ArrayList<>();
		Map<Key, Runnable> commits = new HashMap<>();
		this.pending.forEach((key, tally) -> {
			long[] now = tally.read();
			Counts delta = tally.since(key, now);
			if (delta.requests() > 0) {
				batch.add(delta);
				commits.put(key, () -> tally.written(now));
			}
		});
		if (batch.isEmpty()) {
			this.flushing.set(false);
			return Mono.empty();
		}
		return Mono.fromFuture(() -> this.sink.write(batch)).doOnSuccess((written) -> {
			// each key is written whole or not at all; what was not is written next time
			written.forEach((key) -> commits.get(key).run());
			if (written.size() < batch.size()) {
				throw new IllegalStateException(
						(batch.size() - written.size()) + " of " + batch.size() + " usage records not written");
			}
			if (this.failing) {
				logger.info("Usage written to the store again");
				this.failing = false;
			}
		}).onErrorResume((failure) -> {
			if (!this.failing) {
				logger.warn("Usage not written to the store ({}); kept for the next attempt", failure.toString());
				this.failing = true;
			}
			return Mono.empty();
		}).doFinally((signal) -> this.flushing.set(false)).then();
	}

	/**
	 * Whether a flush is under way.
	 * @return true while one writes
	 */
	public boolean flushing() {
		return this.flushing.get();
	}

	/**
	 * Everything this instance counted since it started.
	 * @return the counts per client, product and version
	 */
	public List<Counts> totals() {
		List<Counts> totals = new ArrayList<>();
		this.pending.forEach((key, tally) -> {
			long[] now = tally.read();
			long[] buckets = new long[LatencyBuckets.COUNT];
			System.arraycopy(now, 4, buckets, 0, buckets.length);
			totals.add(new Counts(key, now[0], now[1], now[2], now[3], buckets, tally.lastCall.get()));
		});
		return totals;
	}

	/**
	 * Where usage is kept for everyone to read.
	 */
	public interface Sink {

		/**
		 * Adds counts to the stored ones, each key's counts whole or not at all.
		 * @param batch the counts since the last write
		 * @return the keys whose counts were stored
		 */
		CompletableFuture<Set<Key>> write(List<Counts> batch);

	}

	/**
	 * A client's use of a product version.
	 *
	 * @param client the client id
	 * @param product the product
	 * @param version the version
	 */
	public record Key(String client, String product, String version) {

	}

	/**
	 * Counts of a key since the last write.
	 *
	 * @param key whose
	 * @param requests all calls
	 * @param clientErrors 4xx answers (429 included)
	 * @param throttled 429 answers
	 * @param serverErrors 5xx answers
	 * @param buckets latency histogram, one count per bucket of {@link LatencyBuckets}
	 * and one above
	 * @param lastCall epoch milliseconds of the last call
	 */
	public record Counts(Key key, long requests, long clientErrors, long throttled, long serverErrors, long[] buckets,
			long lastCall) {

	}

	private static final class Tally {

		private final AtomicLongArray numbers = new AtomicLongArray(4 + LatencyBuckets.COUNT);

		private final LongAccumulator lastCall = new LongAccumulator(Math::max, 0);

		void add(int status, long nanos, long now) {
			this.numbers.incrementAndGet(0);
			if (status >= 400 && status < 500) {
				this.numbers.incrementAndGet(1);
			}
			if (status == 429) {
				this.numbers.incrementAndGet(2);
			}
			if (status >= 500) {
				this.numbers.incrementAndGet(3);
			}
			long millis = nanos / 1_000_000;
			this.numbers.incrementAndGet(4 + LatencyBuckets.of(millis));
			this.lastCall.accumulate(now);
		}

		// what the last successful write covered; touched by flush only
		private long[] written = new long[4 + LatencyBuckets.COUNT];

		long[] read() {
			long[] now = new long[this.numbers.length()];
			for (int i = 0; i < now.length; i++) {
				now[i] = this.numbers.get(i);
			}
			return now;
		}

		Counts since(Key key, long[] now) {
			long[] delta = new long[now.length];
			for (int i = 0; i < now.length; i++) {
				delta[i] = now[i] - this.written[i];
			}
			long[] buckets = new long[LatencyBuckets.COUNT];
			System.arraycopy(delta, 4, buckets, 0, buckets.length);
			return new Counts(key, delta[0], delta[1], delta[2], delta[3], buckets, this.lastCall.get());
		}

		void written(long[] now) {
			this.written = now;
		}

	}

}
