package org.millgate.erp.model;

import java.util.List;

/**
 * What one plant keeps about a material.
 *
 * @param plant the plant
 * @param procurementType how the plant gets it
 * @param mrpController who plans it in the plant, or null
 * @param batchManaged whether its stock in the plant is kept in batches
 * @param storageLocations the storage locations the plant keeps it in, in order
 */
public record MaterialPlant(String plant, ProcurementType procurementType, String mrpController, boolean batchManaged,
		List<String> storageLocations) {

	public MaterialPlant {
		storageLocations = List.copyOf(storageLocations);
	}

}
