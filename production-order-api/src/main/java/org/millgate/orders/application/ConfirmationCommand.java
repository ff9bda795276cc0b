package org.millgate.orders.application;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.millgate.erp.model.UnitOfMeasure;

/**
 * A confirmation as the consumer sent it.
 *
 * @param operation the operation number
 * @param yield good quantity
 * @param scrap scrap quantity
 * @param unit their unit
 * @param finalConfirmation whether it closes the operation
 * @param executionStart when the work started, or null
 * @param executionEnd when the work ended, or null
 * @param postingDate the posting date, or null
 * @param varianceReason a reason code, or null
 * @param note a note, or null
 */
public record ConfirmationCommand(String operation, BigDecimal yield, BigDecimal scrap, UnitOfMeasure unit,
		boolean finalConfirmation, OffsetDateTime executionStart, OffsetDateTime executionEnd, LocalDate postingDate,
		String varianceReason, String note) {

}
