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

	/**
	 * What the confirmation means, written the same way whichever version and spelling
	 * the consumer used: {@code scrapQuantity: 0} in v1 and no {@code scrap} in v2 are
	 * the same confirmation, as are {@code 120}, {@code 120.0} and {@code 1.2E2}, and two
	 * spellings of the same instant. An idempotency key is matched on it.
	 * @return one line per field, in a fixed order
	 */
	public String canonical() {
		return String.join("\n", this.operation, plain(this.yield), plain(this.scrap), this.unit.code(),
				Boolean.toString(this.finalConfirmation), instant(this.executionStart), instant(this.executionEnd),
				String.valueOf(this.postingDate), String.valueOf(this.varianceReason), String.valueOf(this.note));
	}

	private static String plain(BigDecimal value) {
		return (value.signum() == 0) ? "0" : value.stripTrailingZeros().toPlainString();
	}

	private static String instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant().toString() : "null";
	}

}
