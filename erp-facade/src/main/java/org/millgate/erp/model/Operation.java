package org.millgate.erp.model;

import java.time.LocalDate;

/**
 * An operation (routing step) of a production order.
 *
 * @param number the operation number, e.g. {@code 0010}
 * @param description what is done
 * @param workCenter where
 * @param planned planned quantity
 * @param confirmedYield good quantity confirmed so far
 * @param confirmedScrap scrap confirmed so far
 * @param released released for execution
 * @param partiallyConfirmed some work confirmed
 * @param confirmed finally confirmed
 * @param earliestStart earliest scheduled start, or null
 * @param earliestEnd earliest scheduled end, or null
 */
public record Operation(String number, String description, String workCenter, Quantity planned, Quantity confirmedYield,
		Quantity confirmedScrap, boolean released, boolean partiallyConfirmed, boolean confirmed,
		LocalDate earliestStart, LocalDate earliestEnd) {

}
