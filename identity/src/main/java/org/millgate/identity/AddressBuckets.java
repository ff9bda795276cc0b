package org.millgate.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address for the requests that check a password or a client
 * secret: {@code burst} at once, then {@code perMinute} a minute. In this instance's
 * memory: identity runs as one instance in the embedded default; behind several instances
 * each keeps its own buckets, so an address gets that many times the limit.
 */
final class AddressBuckets {

	private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int burst;

	private final int perMinute;

	private final int maxTracked;

	AddressBuckets(Clock clock, IdentitySettings.Attempts limits) {
		this.clock = clock;
		this.burst = limits.addressBurst();
		this.perMinute = limits.addressPerMinute();
		this.maxTracked = limits.maxTracked();
	}

	/**
	 * Takes one request from an address's bucket.
	 * @param address the client address
	 * @return empty when the request may go on, otherwise how long until the bucket holds
	 * one again
	 */
	Optional<Duration> take(String address) {
		Instant now = this.clock.instant();
		Bucket bucket = this.buckets.compute(address, (key, current) -> refilled(current, now).take());
		if (this.buckets.size() > this.maxTracked) {
			forgetFullest(now);
		}
		return bucket.admitted() ? Optional.empty() : Optional.of(bucket.untilOne(this.perMinute));
	}

	private Bucket refilled(Bucket bucket, Instant now) {
		if (bucket == null) {
			return new Bucket(this.burst, now, true);
		}
		long elapsed = Math.max(0, Duration.between(bucket.updated(), now).toNanos());
		double tokens = Math.min(this.burst, bucket.tokens() + (double) elapsed * this.perMinute / NANOS_PER_MINUTE);
		return new Bucket(tokens, now, true);
	}

	// A full bucket is the same as none; beyond the bound, the quietest go first.
	private void forgetFullest(Instant now) {
		this.buckets.values().removeIf((bucket) -> refilled(bucket, now).tokens() >= this.burst);
		if (this.buckets.size() > this.maxTracked) {
			this.buckets.entrySet()
				.stream()
				.sorted(Comparator.comparing((Map.Entry<String, Bucket> entry) -> entry.getValue().updated()))
				.limit(this.buckets.size() - this.maxTracked * 9L / 10)
				.map(Map.Entry::getKey)
				.toList()
				.forEach(this.buckets::remove);
		}
	}

	/**
	 * A bucket as of a moment.
	 *
	 * @param tokens the requests it holds
	 * @param updated when it was last refilled
	 * @param admitted whether the last request taken from it went on
	 */
	private record Bucket(double tokens, Instant updated, boolean admitted) {

		Bucket take() {
			return (this.tokens >= 1) ? new Bucket(this.tokens - 1, this.updated, true)
					: new Bucket(this.tokens, this.updated, false);
		}

		Duration untilOne(int perMinute) {
			return Duration.ofNanos((long) Math.ceil((1 - this.tokens) * NANOS_PER_MINUTE / perMinute));
		}

	}

}
