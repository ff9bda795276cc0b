package org.millgate.erp.model;

/**
 * A quantity of one material in one place and status (ISA-95 material lot or sublot).
 *
 * @param material the material
 * @param plant the plant
 * @param storageLocation the storage location, or null when held at plant level
 * @param batch the batch, or null when not batch managed
 * @param type the stock status
 * @param special whether it is special stock (consignment and the like), which is not the
 * plant's own
 * @param quantity the quantity, in the material's base unit
 */
public record StockPosition(String material, String plant, String storageLocation, String batch, StockType type,
		boolean special, Quantity quantity) {

}
