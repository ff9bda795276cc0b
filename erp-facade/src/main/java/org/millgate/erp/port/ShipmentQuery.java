package org.millgate.erp.port;

import java.time.LocalDate;
import java.util.Set;

/**
 * Which shipments to list, ordered by last change (the creation of a shipment never
 * changed) then id.
 *
 * @param shippingPoints only shipments from these shipping points, or all when empty
 * @param shipTos only shipments to these parties, or all when empty
 * @param changedSince only shipments changed (or, never changed, created) on or after
 * this day, or null
 * @param afterChange together with {@code afterId}: continue after this shipment, or null
 * @param afterId the id of the last shipment of the previous page, or null
 * @param limit the page size
 * @param withItems whether to load each shipment's items
 */
public record ShipmentQuery(Set<String> shippingPoints, Set<String> shipTos, LocalDate changedSince,
		LocalDate afterChange, String afterId, int limit, boolean withItems) {

	public ShipmentQuery {
		shippingPoints = Set.copyOf(shippingPoints);
		shipTos = Set.copyOf(shipTos);
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive");
		}
	}

}
