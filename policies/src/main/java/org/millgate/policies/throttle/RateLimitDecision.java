package org.millgate.policies.throttle;

import java.util.concurrent.TimeUnit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;

/**
 * The outcome of taking one token: admitted or not, and what the {@code RateLimit} header
 * says.
 *
 * @param admitted whether the request may pass
 * @param policy the binding policy: the bandwidth with the fewest tokens left
 * @param remaining tokens left in it
 * @param resetSeconds seconds until it has a token again (0 when it has some)
 * @param retryAfterSeconds for a refused request, seconds until a retry can pass
 */
public record RateLimitDecision(boolean admitted, String policy, long remaining, long resetSeconds,
		long retryAfterSeconds) {

	/**
	 * Reads a Bucket4j verbose probe.
	 * @param result the probe with the bucket's diagnostics
	 * @param limits the limits it was taken with
	 * @return the decision
	 */
	public static RateLimitDecision of(VerboseResult<ConsumptionProbe> result, PlanLimits limits) {
		ConsumptionProbe probe = result.getValue();
		long[] perBandwidth = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
		int binding = 0;
		for (int i = 1; i < perBandwidth.length; i++) {
			if (perBandwidth[i] < perBandwidth[binding]) {
				binding = i;
			}
		}
		long remaining = Math.max(0, probe.getRemainingTokens());
		long wait = seconds(probe.getNanosToWaitForRefill());
		return new RateLimitDecision(probe.isConsumed(), limits.bandwidthName(binding), remaining,
				(remaining > 0) ? 0 : Math.max(1, wait), probe.isConsumed() ? 0 : Math.max(1, wait));
	}

	/**
	 * The decision when the shared store cannot be asked and the product fails open: the
	 * request passes, the headers say nothing about remaining quota beyond the policy.
	 * @param limits the limits
	 * @return the decision
	 */
	public static RateLimitDecision unknown(PlanLimits limits) {
		return new RateLimitDecision(true, PlanLimits.BURST, limits.burst(), 0, 0);
	}

	/**
	 * The {@code RateLimit} header value.
	 * @return e.g. {@code "burst";r=12;t=0}
	 */
	public String header() {
		return "\"" + this.policy + "\";r=" + this.remaining + ";t=" + this.resetSeconds;
	}

	private static long seconds(long nanos) {
		return (nanos <= 0) ? 0 : TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1);
	}

}
