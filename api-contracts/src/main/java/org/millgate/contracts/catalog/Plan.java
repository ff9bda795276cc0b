package org.millgate.contracts.catalog;

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
 */
public record Plan(String name, String description, Priority priority, int burst, int sustainedPerSecond,
		OptionalLong dailyQuota) {

}
