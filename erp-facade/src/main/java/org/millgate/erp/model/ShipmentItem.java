package org.millgate.erp.model;

/**
 * An item of a shipment.
 *
 * @param item the item number
 * @param material the material
 * @param plant the plant it ships from
 * @param storageLocation the storage location, or null
 * @param batch the batch, or null
 * @param quantity the quantity delivered
 * @param picking picking of this item
 * @param packing packing of this item
 * @param goodsMovement goods issue of this item
 */
public record ShipmentItem(String item, String material, String plant, String storageLocation, String batch,
		Quantity quantity, ProcessingStatus picking, ProcessingStatus packing, ProcessingStatus goodsMovement) {

}
