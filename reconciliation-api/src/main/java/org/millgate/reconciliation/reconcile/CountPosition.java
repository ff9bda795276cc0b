package org.millgate.reconciliation.reconcile;

import java.math.BigDecimal;

/**
 * One position of a stock count: the quantity of a material, storage location, batch and
 * stock status the WMS counted.
 *
 * @param material the material
 * @param storageLocation the storage location
 * @param batch the batch, or null
 * @param stockStatus {@code ON_HAND}, {@code QUALITY_HOLD}, {@code BLOCKED} or
 * {@code IN_TRANSIT}
 * @param quantity the quantity, as counted
 * @param unit its unit (UN/ECE code)
 */
public record CountPosition(String material, String storageLocation, String batch, String stockStatus,
		BigDecimal quantity, String unit) {

}
