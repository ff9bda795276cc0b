package org.millgate.erp.port;

import java.time.LocalDate;

import java.util.List;

import reactor.core.publisher.Mono;

import org.millgate.erp.model.GoodsMovement;

/**
 * The ERP's goods movements in the order they were posted, read incrementally: a reader
 * keeps the last document it saw and asks for the ones after it.
 */
public interface GoodsMovements {

	/**
	 * The movements of the material documents after a document, oldest first, all items
	 * of a document together.
	 * @param afterYear the year of the last document read, or null to start at the first
	 * @param afterDocument the number of the last document read, or null to start at the
	 * first
	 * @param documents at most this many documents
	 * @return the movements, by year, document and item; fewer documents than asked for
	 * means there are no more now
	 */
	Mono<Batch> after(String afterYear, String afterDocument, int documents);

	/**
	 * The movements of the material documents entered on or after a day, after a
	 * document, oldest first, all items of a document together: for reading what was
	 * booked since a moment (the ERP filters by the day it keeps; the reader compares
	 * {@link GoodsMovement#enteredAt()} itself).
	 * @param enteredOnOrAfter the first day of entry, in the ERP system's local time
	 * @param afterYear the year of the last document read, or null to start at the first
	 * @param afterDocument the number of the last document read, or null to start at the
	 * first
	 * @param documents at most this many documents
	 * @return the movements, by year, document and item
	 */
	Mono<Batch> enteredSince(LocalDate enteredOnOrAfter, String afterYear, String afterDocument, int documents);

	/**
	 * The movements posted for a production order (components issued to it, what it
	 * produced received from it, and their reversals), by year, document and item.
	 * @param orderId the order
	 * @return its movements, each with when it was entered
	 */
	Mono<List<GoodsMovement>> ofOrder(String orderId);

	/**
	 * What one read found.
	 *
	 * @param movements the items, by year, document and item
	 * @param lastYear the year of the last document read, or null when none was
	 * @param lastDocument the last document read, or null when none was
	 * @param documents how many documents were read
	 */
	record Batch(List<GoodsMovement> movements, String lastYear, String lastDocument, int documents) {

		public Batch {
			movements = List.copyOf(movements);
		}

	}

}
