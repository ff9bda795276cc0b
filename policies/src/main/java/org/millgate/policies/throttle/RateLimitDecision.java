package org.millgate.policies.throttle;

import java.util.ArrayList;
import java.util.List;
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
	 * @param waitNanos how long until the bucket has a token again
	 * @return the decision
	 */
	static RateLimitDecision of(VerboseResult<ConsumptionProbe> result, PlanLimits limits, long waitNanos) {
		ConsumptionProbe probe = result.getValue();
		long[] perBandwidth = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
		int binding = 0;
		for (int i = 1; i < perBandwidth.length; i++) {
			if (perBandwidth[i] < perBandwidth[binding]) {
				binding = i;
			}
		}
		long remaining = Math.max(0, probe.getRemainingTokens());
		long wait = seconds(waitNanos);
		return new RateLimitDecision(probe.isConsumed(), limits.bandwidthName(binding), remaining,
				(remaining > 0) ? 0 : Math.max(1, wait), probe.isConsumed() ? 0 : Math.max(1, wait));
	}

	/**
	 * Reads the answer of {@code take-token.lua} for a batch of one key's decisions: the
	 * tokens granted (the first that many decisions of the batch are admitted, in order),
	 * the binding bandwidth (0 burst, 1 daily), the tokens left in it after the batch,
	 * and the microseconds until every bandwidth has a token again.
	 * @param reply the script's answer
	 * @param limits the limits it was taken with
	 * @param count the decisions of the batch
	 * @return a decision for each, in order
	 */
	static List<RateLimitDecision> of(List<Object> reply, PlanLimits limits, int count) {
		if (reply == null || reply.size() != 4) {
			throw new IllegalStateException("The rate-limit script answered " + reply);
		}
		long granted = number(reply.get(0));
		String policy = limits.bandwidthName((int) number(reply.get(1)));
		long left = Math.max(0, number(reply.get(2)));
		long wait = seconds(TimeUnit.MICROSECONDS.toNanos(number(reply.get(3))));
		List<RateLimitDecision> decisions = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			boolean admitted = i < granted;
			// what each admitted decision leaves: the batch's later ones still to come
			long remaining = admitted ? left + (granted - 1 - i) : left;
			decisions.add(new RateLimitDecision(admitted, policy, remaining, (remaining > 0) ? 0 : Math.max(1, wait),
					admitted ? 0 : Math.max(1, wait)));
		}
		return decisions;
	}

	private static long number(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		throw new IllegalStateException("The rate-limit script answered " + value + " where a number belongs");
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
