package org.millgate.policies.throttle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets in this gateway instance's memory: the embedded default without Redis, and the
 * fallback of products that fail open. Keys are client and product, so the map stays as
 * small as the set of registered clients.
 */
public final class LocalRateLimitStore implements RateLimitStore {

	private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();

	@Override
	public CompletableFuture<VerboseResult<ConsumptionProbe>> consume(String key, PlanLimits limits) {
		Entry entry = this.buckets.compute(key, (name, existing) -> (existing != null && existing.limits.equals(limits))
				? existing : new Entry(limits, bucket(limits)));
		return CompletableFuture.completedFuture(entry.bucket.asVerbose().tryConsumeAndReturnRemaining(1));
	}

	private static Bucket bucket(PlanLimits limits) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth bandwidth : limits.configuration().getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

	private record Entry(PlanLimits limits, Bucket bucket) {

	}

}
