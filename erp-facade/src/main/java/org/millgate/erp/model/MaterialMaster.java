package org.millgate.erp.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A material's master data (ISA-95 material definition): its descriptions, kind, units,
 * weights and what each plant keeps about it.
 *
 * @param id the material number
 * @param descriptions its descriptions by language (ISO 639-1, lower case)
 * @param erpLanguage the language the ERP falls back to (ISO 639-1, lower case)
 * @param type its kind
 * @param baseUnit the unit its stock is kept in
 * @param conversions its alternative units, as fractions of the base unit
 * @param batchManaged whether it is kept in batches
 * @param grossWeight the gross weight of one base unit, or null when the ERP keeps none
 * @param netWeight the net weight of one base unit, or null when the ERP keeps none
 * @param markedForDeletion whether the ERP marks it for deletion
 * @param lastChanged the day it last changed
 * @param plants the plants that keep it, in order; in lists without storage locations
 * @param asOf when the ERP answered
 */
public record MaterialMaster(String id, Map<String, String> descriptions, String erpLanguage, MaterialType type,
		UnitOfMeasure baseUnit, List<UnitConversion> conversions, boolean batchManaged, Quantity grossWeight,
		Quantity netWeight, boolean markedForDeletion, LocalDate lastChanged, List<MaterialPlant> plants,
		Instant asOf) {

	public MaterialMaster {
		descriptions = Map.copyOf(descriptions);
		conversions = List.copyOf(conversions);
		plants = List.copyOf(plants);
	}

	/**
	 * Whether any of these plants keeps the material.
	 * @param wanted the plants
	 * @return true when one of them does
	 */
	public boolean keptInAny(Collection<String> wanted) {
		return this.plants.stream().anyMatch((plant) -> wanted.contains(plant.plant()));
	}

}
