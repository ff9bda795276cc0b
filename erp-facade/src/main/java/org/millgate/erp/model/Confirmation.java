package org.millgate.erp.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A confirmation of work on an operation (ISA-95 operations performance): yield and scrap
 * reported by the shop floor.
 *
 * @param id the ERP's identifier, {@code group-counter}
 * @param orderId the production order
 * @param operation the operation
 * @param yield good quantity
 * @param scrap scrap quantity
 * @param finalConfirmation whether it closed the operation
 * @param reversed whether it has been cancelled
 * @param reversal whether it is the cancellation of another
 * @param postingDate the posting date
 * @param executionStart when the work started, or null
 * @param executionEnd when the work ended, or null
 * @param externalId the dedupe value sent with it, or null
 * @param enteredAt when it was posted
 */
public record Confirmation(String id, String orderId, String operation, Quantity yield, Quantity scrap,
		boolean finalConfirmation, boolean reversed, boolean reversal, LocalDate postingDate,
		LocalDateTime executionStart, LocalDateTime executionEnd, UUID externalId, Instant enteredAt) {

}
