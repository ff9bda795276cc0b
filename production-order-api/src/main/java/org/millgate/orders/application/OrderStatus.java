package org.millgate.orders.application;

import org.millgate.erp.model.Operation;
import org.millgate.erp.model.OrderProgress;

/**
 * The canonical status of an order and of an operation, derived from the ERP's facts; the
 * most advanced fact wins (table in the module README).
 */
public enum OrderStatus {

	CREATED, RELEASED, PARTIALLY_CONFIRMED, CONFIRMED, PARTIALLY_DELIVERED, DELIVERED, TECHNICALLY_COMPLETED, CLOSED;

	/**
	 * The status of an order.
	 * @param progress the ERP's facts
	 * @return the canonical status
	 */
	public static OrderStatus of(OrderProgress progress) {
		if (progress.closed()) {
			return CLOSED;
		}
		if (progress.technicallyCompleted()) {
			return TECHNICALLY_COMPLETED;
		}
		if (progress.delivered()) {
			return DELIVERED;
		}
		if (progress.partiallyDelivered()) {
			return PARTIALLY_DELIVERED;
		}
		if (progress.confirmed()) {
			return CONFIRMED;
		}
		if (progress.partiallyConfirmed()) {
			return PARTIALLY_CONFIRMED;
		}
		// An order with some operations released can be worked on: released.
		if (progress.released() || progress.partiallyReleased()) {
			return RELEASED;
		}
		return CREATED;
	}

	/**
	 * The status of an operation: CREATED, RELEASED, PARTIALLY_CONFIRMED or CONFIRMED.
	 * @param operation the operation
	 * @return the status's name
	 */
	public static String of(Operation operation) {
		if (operation.confirmed()) {
			return CONFIRMED.name();
		}
		if (operation.partiallyConfirmed()) {
			return PARTIALLY_CONFIRMED.name();
		}
		return operation.released() ? RELEASED.name() : CREATED.name();
	}

}
