package org.millgate.erp.model;

import java.util.List;

/**
 * The platform's units of measure with their ISO codes, dimensions and decimals, handed
 * to the facade so that it refuses quantities by the same table the gateway and the
 * products check them by (product-web hands it the contracts' table). The facade itself
 * keeps only which SAP unit is which UN/ECE unit.
 *
 * @param units the units
 */
public record UnitTable(List<UnitDefinition> units) {

	/**
	 * No table: a service that only reads, where a quantity in any unit may have the
	 * three decimals of SAP's quantity type.
	 */
	public static final UnitTable NONE = new UnitTable(List.of());

	public UnitTable {
		units = List.copyOf(units);
	}

}
