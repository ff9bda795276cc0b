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
	public CompletableFuture<RateLimitDecision> consume(String key, PlanLimits limits) {
		Bucket bucket = this.buckets.computeIfAbsent(key, (name) -> bucket(limits));
		VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(1);
		ConsumptionProbe probe = result.getValue();
		// a probe that took the last token says nothing of the wait for the next one
		long waitNanos = (probe.isConsumed() && probe.getRemainingTokens() == 0)
				? bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() : probe.getNanosToWaitForRefill();
		return CompletableFuture.completedFuture(RateLimitDecision.of(result, limits, waitNanos));
	}

	private static Bucket bucket(PlanLimits limits) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth bandwidth : limits.configuration().getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

}
