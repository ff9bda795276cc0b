package org.millgate.erp.model;

import java.time.LocalDate;

/**
 * A goods movement that moved stock of one material, plant, storage location and batch
 * from one stock status to another, as a quality decision does (quality inspection to
 * unrestricted, unrestricted to blocked, ...).
 *
 * @param batch the material, plant and batch whose stock moved
 * @param storageLocation the storage location
 * @param from the status it left
 * @param to the status it entered
 * @param quantity the quantity moved, in the material's base unit
 * @param postedOn the day it was posted
 */
public record StockStatusChange(MaterialBatch batch, String storageLocation, StockType from, StockType to,
		Quantity quantity, LocalDate postedOn) {

}
