package org.millgate.erp.port;

import java.util.List;

/**
 * One page of a keyset-paged list.
 *
 * @param <T> the kind of item
 * @param items the items, in order
 * @param more whether items follow the last one
 */
public record Page<T>(List<T> items, boolean more) {

	public Page {
		items = List.copyOf(items);
	}

}
