package org.millgate.erpsim.data;

/**
 * How far a production order has come, in the order SAP moves it; the flags, statuses,
 * quantities and confirmations of an order follow from its stage.
 */
enum SeedOrderStage {

	CREATED, PARTIALLY_RELEASED, RELEASED, PARTIALLY_CONFIRMED, CONFIRMED, PARTIALLY_DELIVERED, DELIVERED,
	TECHNICALLY_COMPLETED, CLOSED;

	boolean atLeast(SeedOrderStage other) {
		return ordinal() >= other.ordinal();
	}

}
