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
 * fallback of products that fail open. Keys name product, limits, issuer and client, so
 * the map stays as small as the set of clients that called.
 */
public final class LocalRateLimitStore implements RateLimitStore {

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	@Override
	public CompletableFuture<VerboseResult<ConsumptionProbe>> consume(String key, PlanLimits limits) {
		Bucket bucket = this.buckets.computeIfAbsent(key, (name) -> bucket(limits));
		return CompletableFuture.completedFuture(bucket.asVerbose().tryConsumeAndReturnRemaining(1));
	}

	private static Bucket bucket(PlanLimits limits) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth bandwidth : limits.configuration().getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

}
