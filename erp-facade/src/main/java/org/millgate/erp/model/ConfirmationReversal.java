package org.millgate.erp.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A confirmation the ERP reversed: the reversal the ERP booked (a confirmation of its own
 * in the same confirmation group, marked as a reversal) and the confirmation it took
 * back.
 *
 * @param reversalId the reversal's id, {@code group-counter}
 * @param reversedId the reversed confirmation's id, {@code group-counter}
 * @param orderId the production order
 * @param plant the plant that produces the order
 * @param material the material the order produces
 * @param operation the operation the reversed confirmation was posted for
 * @param yield the good quantity taken back, in the operation's unit
 * @param scrap the scrap taken back
 * @param finalConfirmation whether the reversed confirmation was final
 * @param postingDate the reversal's posting date
 * @param enteredAt when the reversal was entered in the ERP
 */
public record ConfirmationReversal(String reversalId, String reversedId, String orderId, String plant, String material,
		String operation, Quantity yield, Quantity scrap, boolean finalConfirmation, LocalDate postingDate,
		Instant enteredAt) {

}
