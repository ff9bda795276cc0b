package org.millgate.erp.shipping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status rules of the contract's {@code ShipmentStatus}, one row per rule and its
 * edges.
 */
class ChecksTests {

	@ParameterizedTest(name = "{0} {1} {2} {3} released={4} blocked={5} -> {6}")
	@CsvSource({
			// goods issue posted: shipped or delivered, whatever else holds
			"COMPLETED, COMPLETED, COMPLETED, COMPLETED, true, false, DELIVERED",
			"COMPLETED, COMPLETED, COMPLETED, IN_PROGRESS, true, false, SHIPPED",
			"COMPLETED, NOT_RELEVANT, COMPLETED, NOT_RELEVANT, false, true, SHIPPED",
			// ready: picked, packed or no packing, released, not blocked
			"COMPLETED, COMPLETED, NOT_STARTED, NOT_STARTED, true, false, READY_FOR_SHIPMENT",
			"COMPLETED, NOT_RELEVANT, NOT_STARTED, NOT_STARTED, true, false, READY_FOR_SHIPMENT",
			"COMPLETED, COMPLETED, IN_PROGRESS, NOT_STARTED, true, false, READY_FOR_SHIPMENT",
			// packed but held back
			"COMPLETED, COMPLETED, NOT_STARTED, NOT_STARTED, false, false, PACKED",
			"COMPLETED, COMPLETED, NOT_STARTED, NOT_STARTED, true, true, PACKED",
			// picked: packing open, or no packing but held back
			"COMPLETED, NOT_STARTED, NOT_STARTED, NOT_STARTED, true, false, PICKED",
			"COMPLETED, IN_PROGRESS, NOT_STARTED, NOT_STARTED, true, false, PICKED",
			"COMPLETED, NOT_RELEVANT, NOT_STARTED, NOT_STARTED, false, false, PICKED",
			"COMPLETED, NOT_RELEVANT, NOT_STARTED, NOT_STARTED, true, true, PICKED",
			// picking under way, or not started, or not applicable
			"IN_PROGRESS, NOT_STARTED, NOT_STARTED, NOT_STARTED, true, false, PICKING",
			"NOT_STARTED, NOT_STARTED, NOT_STARTED, NOT_STARTED, true, false, PLANNED",
			"NOT_RELEVANT, NOT_RELEVANT, NOT_STARTED, NOT_STARTED, true, false, PLANNED" })
	void should_derive_the_status_by_the_contract_rules(Step picking, Step packing, Step goodsIssue,
			Step proofOfDelivery, boolean released, boolean blocked, ShipmentStatus expected) {
		ShipmentStatus status = new Checks(picking, packing, goodsIssue, proofOfDelivery, released, blocked).status();

		assertThat(status).isEqualTo(expected);
		assertThat(status.readyForShipment()).isEqualTo(expected == ShipmentStatus.READY_FOR_SHIPMENT
				|| expected == ShipmentStatus.SHIPPED || expected == ShipmentStatus.DELIVERED);
	}

}
