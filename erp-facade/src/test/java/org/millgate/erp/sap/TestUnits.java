package org.millgate.erp.sap;

import java.util.List;

import org.millgate.erp.model.UnitDefinition;
import org.millgate.erp.model.UnitDimension;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.model.UnitTable;

/**
 * A units table for the facade's tests, as product-web hands the contracts' table in a
 * service: a piece and a carton with no decimals, a kilogram with three. Units it does
 * not hold (a metre, say) show what the facade does with a unit the table lacks.
 */
final class TestUnits {

	static final UnitTable TABLE = new UnitTable(
			List.of(new UnitDefinition(UnitOfMeasure.of("H87"), "PCE", UnitDimension.COUNT, 0, "piece"),
					new UnitDefinition(UnitOfMeasure.of("CT"), "CT", UnitDimension.COUNT, 0, "carton"),
					new UnitDefinition(UnitOfMeasure.of("KGM"), "KGM", UnitDimension.MASS, 3, "kilogram")));

	private TestUnits() {
	}

}
