package org.millgate.contracts.catalog;

import java.util.List;

/**
 * A known consumer of a product: a system or partner whose integration depends on it.
 *
 * @param id consumer id, also the name of its pacts
 * @param name human-readable name
 * @param kind what sort of system it is, e.g. {@code MES}, {@code WMS}, {@code PARTNER}
 * @param versions the versions of the product it uses, e.g. {@code v1}
 */
public record Consumer(String id, String name, String kind, List<String> versions) {

	public Consumer {
		versions = List.copyOf(versions);
	}

}
