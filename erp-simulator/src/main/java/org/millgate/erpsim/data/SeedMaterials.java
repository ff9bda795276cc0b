package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import static org.millgate.erpsim.data.SeedRows.day;
import static org.millgate.erpsim.data.SeedRows.insert;

/**
 * The product master of the catalog: product, descriptions, plants and units of measure.
 */
final class SeedMaterials {

	private static final BigDecimal GROSS = new BigDecimal("1.08");

	private SeedMaterials() {
	}

	static void write(ErpData data) {
		LocalDate changed = LocalDate.of(2025, 10, 1);
		for (SeedMaterial material : SeedCatalog.MATERIALS) {
			String code = material.code();
			BigDecimal net = netWeight(material);
			insert(data, "Product", "Product", code, "ProductType", material.type(), "BaseUnit", material.unit(),
					"ProductGroup", material.group(), "GrossWeight",
					net.multiply(GROSS).setScale(3, RoundingMode.HALF_EVEN), "NetWeight", net, "WeightUnit", "KG",
					"IsBatchManagementRequired", material.batchManaged(), "IsMarkedForDeletion", material.deleted(),
					"LastChangeDate", day(changed));
			insert(data, "ProductDescription", "Product", code, "Language", "EN", "ProductDescription",
					material.english());
			insert(data, "ProductDescription", "Product", code, "Language", "DE", "ProductDescription",
					material.german());
			for (String plant : material.plants()) {
				insert(data, "ProductPlant", "Product", code, "Plant", plant, "IsBatchManagementRequired",
						material.batchManaged(), "MRPType", "PD", "MRPResponsible",
						"1000".equals(plant) ? "001" : "002", "ProcurementType", material.produced() ? "E" : "F");
			}
			// SAP lists the base unit among the units of measure, converting 1:1.
			unit(data, code, material.unit(), BigDecimal.ONE, BigDecimal.ONE);
			for (SeedMaterial.Conversion conversion : material.conversions()) {
				unit(data, code, conversion.unit(), conversion.numerator(), conversion.denominator());
			}
			changed = changed.plusDays(2);
		}
	}

	// The weight of one base unit: from its kilogram conversion where it has one, else a
	// plausible figure of its kind.
	private static BigDecimal netWeight(SeedMaterial material) {
		return switch (material.unit()) {
			case "KG" -> BigDecimal.ONE.setScale(3);
			case "G" -> new BigDecimal("0.001");
			case "L" -> new BigDecimal("1.150");
			case "M" -> new BigDecimal("0.085");
			default -> material.conversions()
				.stream()
				.filter((conversion) -> "KG".equals(conversion.unit()))
				.findFirst()
				.map((kg) -> kg.denominator().divide(kg.numerator(), 3, RoundingMode.HALF_EVEN))
				.orElse(new BigDecimal("0.450"));
		};
	}

	private static void unit(ErpData data, String material, String unit, BigDecimal numerator, BigDecimal denominator) {
		insert(data, "ProductUnitOfMeasure", "Product", material, "AlternativeUnit", unit, "QuantityNumerator",
				numerator, "QuantityDenominator", denominator);
	}

}
