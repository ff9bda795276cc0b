package org.millgate.policies.throttle;

import java.util.concurrent.CompletableFuture;

/**
 * Where buckets live.
 */
public interface RateLimitStore {

	/**
	 * Takes one token from a bucket, creating it with the limits when it does not exist.
	 * Never blocks the calling thread.
	 * @param key the bucket's key
	 * @param limits its limits
	 * @return the decision, completed exceptionally when the store cannot be reached
	 */
	CompletableFuture<RateLimitDecision> consume(String key, PlanLimits limits);

	/**
	 * Whether the store is responsive: connected, and no decision has timed out since its
	 * last answer. A responsive store is given longer to decide when busy.
	 * @return true when responsive
	 */
	default boolean isResponsive() {
		return true;
	}

	/**
	 * Tells the store that a decision timed out.
	 */
	default void timedOut() {
	}

}
