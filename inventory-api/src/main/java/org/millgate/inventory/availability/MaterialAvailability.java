package org.millgate.inventory.availability;

import java.time.Instant;
import java.util.List;

import org.millgate.erp.model.UnitOfMeasure;

/**
 * The availability of one material in one plant.
 *
 * @param material the material
 * @param plant the plant
 * @param storageLocation the storage location asked for, or null
 * @param batch the batch asked for, or null
 * @param unit the unit of every figure
 * @param totals the figures
 * @param breakdown the figures per storage location and/or batch, when asked for
 * @param asOf when the ERP data was read
 */
public record MaterialAvailability(String material, String plant, String storageLocation, String batch,
		UnitOfMeasure unit, StockFigures totals, List<Part> breakdown, Instant asOf) {

	public MaterialAvailability {
		breakdown = List.copyOf(breakdown);
	}

	/**
	 * The figures of one storage location and/or batch.
	 *
	 * @param storageLocation the storage location, or null
	 * @param batch the batch, or null
	 * @param figures the figures
	 */
	public record Part(String storageLocation, String batch, StockFigures figures) {

	}

}
