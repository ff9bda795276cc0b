package org.millgate.erp.model;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One item of a material document: a goods movement of one material in one plant, as the
 * ERP booked it. Its key (year, document, item) never changes and never repeats, and
 * documents are numbered in the order they were posted.
 *
 * @param year the material document's year
 * @param document the material document's number
 * @param item the item within the document
 * @param movementType SAP's movement type, e.g. 101 goods receipt, 261 goods issue to an
 * order, 311 transfer between storage locations, 321 quality inspection to unrestricted,
 * 551 scrapping
 * @param batch the material, plant and batch (empty when not batch managed)
 * @param storageLocation the storage location the movement posts in (the issuing one of a
 * transfer)
 * @param receivingStorageLocation the receiving storage location of a transfer between
 * storage locations, otherwise null
 * @param from the stock type the quantity left, or null when it came from outside the
 * plant's stock (a receipt from an order)
 * @param to the stock type the quantity entered, or null when it left the plant's stock
 * (consumed by an order, scrapped)
 * @param quantity the quantity, in the material's base unit
 * @param order the production order it was posted for, or null
 * @param reservationItem the reservation item it withdrew for, or null
 * @param reason the reason code given, or null
 * @param postingDate the posting date
 * @param enteredAt when it was entered, in the ERP system's local time, or null when the
 * ERP does not say
 * @param cancelled whether it was cancelled since
 */
public record GoodsMovement(String year, String document, String item, String movementType, MaterialBatch batch,
		String storageLocation, String receivingStorageLocation, StockType from, StockType to, Quantity quantity,
		String order, String reservationItem, String reason, LocalDate postingDate, LocalDateTime enteredAt,
		boolean cancelled) {

}
