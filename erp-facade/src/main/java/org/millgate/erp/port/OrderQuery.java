package org.millgate.erp.port;

import java.time.Instant;
import java.util.Set;

/**
 * Which production orders to list, ordered by last change then id.
 *
 * @param plants the plants (at least one)
 * @param changedSince only orders changed at or after this moment, or null
 * @param afterChange together with {@code afterId}: continue after this order, or null
 * @param afterId the id of the last order of the previous page, or null
 * @param limit the page size
 */
public record OrderQuery(Set<String> plants, Instant changedSince, Instant afterChange, String afterId, int limit) {

	public OrderQuery {
		plants = Set.copyOf(plants);
		if (plants.isEmpty()) {
			throw new IllegalArgumentException("at least one plant");
		}
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive");
		}
	}

}
