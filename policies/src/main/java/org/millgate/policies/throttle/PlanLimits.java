package org.millgate.policies.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import org.millgate.contracts.catalog.Plan;
import org.millgate.contracts.catalog.Priority;

/**
 * The limits of a plan as Bucket4j bandwidths: {@code burst} (capacity {@code burst},
 * refilled greedily at the sustained rate) and, when the plan has one, {@code daily} (the
 * daily quota, refilled once a day).
 *
 * @param plan the plan's name
 * @param priority its lane
 * @param burst the burst capacity
 * @param perSecond the sustained rate
 * @param dailyQuota the daily quota, or 0 for none
 */
public record PlanLimits(String plan, Priority priority, long burst, long perSecond, long dailyQuota) {

	/** The bandwidth ids, in the order of the configuration. */
	static final String BURST = "burst";

	static final String DAILY = "daily";

	public PlanLimits {
		if (burst < 1 || perSecond < 1 || dailyQuota < 0) {
			throw new IllegalArgumentException("Plan " + plan + " needs burst and rate of at least 1");
		}
	}

	/**
	 * The limits of a catalog plan.
	 * @param plan the plan
	 * @return its limits
	 */
	public static PlanLimits of(Plan plan) {
		return new PlanLimits(plan.name(), plan.priority(), plan.burst(), plan.sustainedPerSecond(),
				plan.dailyQuota().orElse(0));
	}

	/**
	 * The limits all clients of one partner share under a catalog plan.
	 * @param plan the plan
	 * @return its partner limits, named {@code <plan>/partner}, or empty when it has none
	 */
	public static Optional<PlanLimits> partnerOf(Plan plan) {
		return plan.partner()
			.map((partner) -> new PlanLimits(plan.name() + "/partner", plan.priority(), partner.burst(),
					partner.sustainedPerSecond(), partner.dailyQuota().orElse(0)));
	}

	/**
	 * The Bucket4j configuration.
	 * @return the configuration
	 */
	public BucketConfiguration configuration() {
		var builder = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.burst)
				.refillGreedy(this.perSecond, Duration.ofSeconds(1))
				.id(BURST)
				.build());
		if (this.dailyQuota > 0) {
			builder.addLimit(Bandwidth.builder()
				.capacity(this.dailyQuota)
				.refillIntervally(this.dailyQuota, Duration.ofDays(1))
				.id(DAILY)
				.build());
		}
		return builder.build();
	}

	/**
	 * The limits as part of a bucket key: a plan change gives the client a new bucket, so
	 * that no stored bucket keeps old limits and no two plans share one.
	 * @return e.g. {@code 10x5d10000}
	 */
	public String fingerprint() {
		return this.burst + "x" + this.perSecond + "d" + this.dailyQuota;
	}

	/**
	 * The quota policies, as the {@code RateLimit-Policy} header lists them
	 * (draft-ietf-httpapi-ratelimit-headers: {@code q} quota units, {@code w} window in
	 * seconds).
	 * @return the header value
	 */
	public String policyHeader() {
		List<String> policies = new ArrayList<>();
		policies.add("\"" + BURST + "\";q=" + this.burst + ";w=" + burstWindowSeconds());
		if (this.dailyQuota > 0) {
			policies.add("\"" + DAILY + "\";q=" + this.dailyQuota + ";w=86400");
		}
		return String.join(", ", policies);
	}

	long burstWindowSeconds() {
		return Math.max(1, (this.burst + this.perSecond - 1) / this.perSecond);
	}

	String bandwidthName(int index) {
		return (index == 0) ? BURST : DAILY;
	}

}
