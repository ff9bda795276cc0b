package org.millgate.erp.port;

import java.time.LocalDate;
import java.util.Set;

import org.millgate.erp.model.MaterialType;

/**
 * Which materials to list, ordered by the day they last changed, then by material number.
 *
 * @param plants only materials kept in one of these plants (never empty)
 * @param type only materials of this kind, or null
 * @param changedSince only materials changed on or after this day, or null
 * @param afterChange together with {@code afterId}: continue after this position, or null
 * @param afterId the material of the position to continue after, or null
 * @param limit the page size
 */
public record MaterialQuery(Set<String> plants, MaterialType type, LocalDate changedSince, LocalDate afterChange,
		String afterId, int limit) {

	public MaterialQuery {
		plants = Set.copyOf(plants);
		if (plants.isEmpty()) {
			throw new IllegalArgumentException("plants must not be empty");
		}
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive");
		}
	}

}
