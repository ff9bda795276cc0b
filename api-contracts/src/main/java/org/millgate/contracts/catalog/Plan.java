package org.millgate.contracts.catalog;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A consumption plan: the limits a client subscribed to it gets, per product.
 *
 * @param name plan name, the value of the token's {@code plan} claim
 * @param description what the plan is meant for
 * @param priority priority lane when a backend is saturated
 * @param burst requests that may arrive at once (bucket capacity)
 * @param sustainedPerSecond requests per second refilled into the bucket
 * @param dailyQuota requests per UTC day, empty when unlimited
 * @param partner the limits of all clients of one partner together, per product (a
 * partner's apps share them, so that more apps do not mean more calls); empty when the
 * plan has none
 */
public record Plan(String name, String description, Priority priority, int burst, int sustainedPerSecond,
		OptionalLong dailyQuota, Optional<PartnerLimits> partner) {

	/**
	 * A plan without partner limits.
	 * @param name plan name
	 * @param description what the plan is meant for
	 * @param priority priority lane
	 * @param burst bucket capacity
	 * @param sustainedPerSecond refill per second
	 * @param dailyQuota requests per UTC day, empty when unlimited
	 */
	public Plan(String name, String description, Priority priority, int burst, int sustainedPerSecond,
			OptionalLong dailyQuota) {
		this(name, description, priority, burst, sustainedPerSecond, dailyQuota, Optional.empty());
	}

	/**
	 * The limits all clients of one partner share, per product.
	 *
	 * @param burst requests that may arrive at once
	 * @param sustainedPerSecond requests per second refilled
	 * @param dailyQuota requests per UTC day, empty when unlimited
	 */
	public record PartnerLimits(int burst, int sustainedPerSecond, OptionalLong dailyQuota) {

	}

}
