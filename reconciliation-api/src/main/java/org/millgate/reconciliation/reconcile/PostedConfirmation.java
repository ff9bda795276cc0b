package org.millgate.reconciliation.reconcile;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A confirmation posted through the platform, as its {@code order-confirmed} event told.
 *
 * @param confirmationId {@code group-counter}
 * @param orderId the order
 * @param plant its plant
 * @param material the material the order produces
 * @param operation the operation
 * @param yield the good quantity
 * @param scrap the scrap
 * @param unit the unit of both
 * @param postedAt when it was posted
 * @param idempotencyKey the client's key
 * @param correlationId the correlation id of the call
 * @param source the event's source
 */
public record PostedConfirmation(String confirmationId, String orderId, String plant, String material, String operation,
		BigDecimal yield, BigDecimal scrap, String unit, Instant postedAt, String idempotencyKey, String correlationId,
		String source) {

}
