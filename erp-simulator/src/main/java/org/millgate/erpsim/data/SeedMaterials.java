package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.millgate.erpsim.data.SeedRows.day;
import static org.millgate.erpsim.data.SeedRows.insert;

/**
 * The product master of the catalog: product, descriptions, plants and units of measure.
 */
final class SeedMaterials {

	private SeedMaterials() {
	}

	static void write(ErpData data) {
		LocalDate changed = LocalDate.of(2025, 10, 1);
		for (SeedMaterial material : SeedCatalog.MATERIALS) {
			String code = material.code();
			insert(data, "Product", "Product", code, "ProductType", material.type(), "BaseUnit", material.unit(),
					"ProductGroup", material.group(), "IsMarkedForDeletion", material.deleted(), "LastChangeDate",
					day(changed));
			insert(data, "ProductDescription", "Product", code, "Language", "EN", "ProductDescription",
					material.english());
			insert(data, "ProductDescription", "Product", code, "Language", "DE", "ProductDescription",
					material.german());
			for (String plant : material.plants()) {
				insert(data, "ProductPlant", "Product", code, "Plant", plant, "IsBatchManagementRequired",
						material.batchManaged(), "MRPType", "PD");
			}
			// SAP lists the base unit among the units of measure, converting 1:1.
			unit(data, code, material.unit(), BigDecimal.ONE, BigDecimal.ONE);
			for (SeedMaterial.Conversion conversion : material.conversions()) {
				unit(data, code, conversion.unit(), conversion.numerator(), conversion.denominator());
			}
			changed = changed.plusDays(2);
		}
	}

	private static void unit(ErpData data, String material, String unit, BigDecimal numerator, BigDecimal denominator) {
		insert(data, "ProductUnitOfMeasure", "Product", material, "AlternativeUnit", unit, "QuantityNumerator",
				numerator, "QuantityDenominator", denominator);
	}

}
