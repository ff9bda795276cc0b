package org.millgate.erp.model;

import java.time.Instant;
import java.util.List;

/**
 * Data read from the ERP and when: a cached or shared read keeps the moment it was read,
 * so callers can tell consumers how fresh it is.
 *
 * @param <T> the kind of item
 * @param items what was read
 * @param asOf when the ERP answered
 */
public record Snapshot<T>(List<T> items, Instant asOf) {

	public Snapshot {
		items = List.copyOf(items);
	}

}
