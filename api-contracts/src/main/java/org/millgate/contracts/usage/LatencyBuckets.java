package org.millgate.contracts.usage;

/**
 * The latency histogram of Millgate's usage figures, shared by whoever writes them (the
 * gateway) and whoever reads them (the developer portal): fixed upper bounds in
 * milliseconds, and one more bucket for everything slower.
 */
public final class LatencyBuckets {

	/** Upper bounds (milliseconds) of the buckets; one more bucket holds the rest. */
	private static final long[] BOUNDS_MS = { 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000 };

	/** How many buckets there are, the open-ended last one included. */
	public static final int COUNT = BOUNDS_MS.length + 1;

	private LatencyBuckets() {
	}

	/**
	 * The bucket of a duration.
	 * @param millis the duration in milliseconds
	 * @return its bucket, from 0 to {@code COUNT - 1}
	 */
	public static int of(long millis) {
		int bucket = 0;
		while (bucket < BOUNDS_MS.length && millis > BOUNDS_MS[bucket]) {
			bucket++;
		}
		return bucket;
	}

	/**
	 * The 95th percentile of a histogram.
	 * @param buckets the counts per bucket ({@code COUNT} of them)
	 * @return the upper bound (ms) of the bucket holding the 95th percentile, -1 when it
	 * is above the last bound, 0 for an empty histogram
	 */
	public static long p95(long[] buckets) {
		long total = 0;
		for (long count : buckets) {
			total += count;
		}
		if (total == 0) {
			return 0;
		}
		long rank = (long) Math.ceil(total * 0.95);
		long seen = 0;
		for (int i = 0; i < buckets.length; i++) {
			seen += buckets[i];
			if (seen >= rank) {
				return (i < BOUNDS_MS.length) ? BOUNDS_MS[i] : -1;
			}
		}
		return -1;
	}

}
