package org.millgate.erpsim.release;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.millgate.erpsim.service.ODataService;

/**
 * The ERP releases the simulator plays; chosen at start with {@code --erp.release}. The
 * differences are listed in the module README.
 */
public enum ErpRelease {

	/**
	 * Older: ReleaseProductionOrder and friends, components {@code _2},
	 * MfgOrderPlannedTotalQty.
	 */
	S4HANA_2020("2020"),

	/** Newer: ReleaseOrder and friends, components {@code _3}, TotalQuantity. */
	S4HANA_2022("2022"),

	/** Newest: as 2022, but material stock has moved to an OData v4 service. */
	S4HANA_2023("2023");

	private final String id;

	ErpRelease(String id) {
		this.id = id;
	}

	/**
	 * The release's id in configuration.
	 * @return e.g. {@code 2022}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The services this release serves.
	 * @return the services
	 */
	public List<ODataService> services() {
		return new ReleaseServices(this).build();
	}

	/**
	 * The release of the given id.
	 * @param id e.g. {@code 2022}
	 * @return the release
	 * @throws IllegalArgumentException naming the known releases
	 */
	public static ErpRelease of(String id) {
		return Arrays.stream(values())
			.filter((release) -> release.id.equals(id) || release.name().equalsIgnoreCase(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown ERP release '" + id + "'; known: "
					+ Arrays.stream(values()).map(ErpRelease::id).collect(Collectors.joining(", "))));
	}

}
