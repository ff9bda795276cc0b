package org.millgate.erp.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A confirmation to post.
 *
 * @param orderId the production order
 * @param operation the operation, e.g. {@code 0010}
 * @param yield good quantity, in the operation's unit
 * @param scrap scrap quantity, in the same unit
 * @param finalConfirmation whether it closes the operation
 * @param executionStart when the work started, or null
 * @param executionEnd when the work ended, or null
 * @param postingDate the posting date, or null for today
 * @param varianceReason a reason code, or null
 * @param text a short note, or null
 * @param externalId the dedupe value: the ERP refuses a second confirmation carrying it
 */
public record ConfirmationRequest(String orderId, String operation, Quantity yield, Quantity scrap,
		boolean finalConfirmation, LocalDateTime executionStart, LocalDateTime executionEnd, LocalDate postingDate,
		String varianceReason, String text, UUID externalId) {

	public ConfirmationRequest {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(yield, "yield");
		Objects.requireNonNull(scrap, "scrap");
		Objects.requireNonNull(externalId, "externalId");
		if (!yield.unit().equals(scrap.unit())) {
			throw new IllegalArgumentException("yield and scrap must be in the same unit");
		}
	}

}
