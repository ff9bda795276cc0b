package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.util.List;

/**
 * One material of the catalog, with what production and stock need to know about it.
 *
 * @param routing the kinds of work center its operations run on, in order; empty when
 * bought
 * @param bom its components per base unit; empty when bought
 */
record SeedMaterial(String code, String type, String unit, String group, List<String> plants, boolean batchManaged,
		String english, String german, List<Conversion> conversions, List<String> routing, List<BomLine> bom,
		boolean deleted) {

	/** 1 {@code unit} = numerator / denominator base units, as SAP stores it. */
	record Conversion(String unit, BigDecimal numerator, BigDecimal denominator) {
	}

	record BomLine(String material, BigDecimal perUnit) {
	}

	boolean produced() {
		return !this.bom.isEmpty();
	}

	boolean finished() {
		return "FERT".equals(this.type);
	}

	boolean in(String plant) {
		return this.plants.contains(plant);
	}

	boolean convertsTo(String alternative) {
		return this.conversions.stream().anyMatch((conversion) -> conversion.unit().equals(alternative));
	}

	// Finished goods go to the finished goods store, semi-finished ones stay at the
	// line, everything bought goes to the main warehouse.
	String storageLocation() {
		return switch (this.type) {
			case "FERT" -> "0003";
			case "HALB" -> "0002";
			default -> "0001";
		};
	}

	SeedMaterial markedForDeletion() {
		return new SeedMaterial(this.code, this.type, this.unit, this.group, this.plants, this.batchManaged,
				this.english, this.german, this.conversions, this.routing, this.bom, true);
	}

}
