package org.millgate.reconciliation.reconcile;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's table of which reported shipment statuses agree with which of the ERP's,
 * and its two exceptions: a report older than the ERP's later news is awaited, a shipment
 * loaded before it is ready always disagrees.
 */
class ShipmentStatusRulesTests {

	private static final Instant REPORTED = Instant.parse("2026-12-05T10:00:00Z");

	@ParameterizedTest(name = "reported {0}, ERP {1} changed {2}: disagree {3}")
	@CsvSource({ "PICKING, PICKING, 2026-12-01, false", "PACKED, PACKED, 2026-12-01, false",
			"PACKED, READY_FOR_SHIPMENT, 2026-12-01, false", "LOADED, READY_FOR_SHIPMENT, 2026-12-01, false",
			"SHIPPED, SHIPPED, 2026-12-01, false", "DELIVERED, DELIVERED, 2026-12-01, false",
			// the ERP behind the report
			"SHIPPED, READY_FOR_SHIPMENT, 2026-12-05, true", "DELIVERED, SHIPPED, 2026-12-05, true",
			"PICKING, PLANNED, 2026-12-05, true",
			// the ERP ahead of an older report: awaited
			"PICKING, PACKED, 2026-12-05, false", "PACKED, SHIPPED, 2026-12-06, false",
			// the ERP ahead, but unchanged since before the report: the report is wrong
			"PICKING, PACKED, 2026-12-04, true",
			// loaded before it is ready, whatever the dates
			"LOADED, PACKED, 2026-12-05, true", "LOADED, PICKING, 2026-12-06, true",
			// loaded and the ERP has shipped it since
			"LOADED, SHIPPED, 2026-12-05, false" })
	void follows_the_contract(String reported, String erp, LocalDate erpChanged, boolean disagree) {
		ShipmentReport report = new ShipmentReport("shipment-report-000000001", "80000001", "1000", reported, "WMS",
				"WMS-1000", REPORTED, REPORTED, "wms-plant-1000");
		assertThat(ShipmentsReconciler.disagree(report, erp, erpChanged)).isEqualTo(disagree);
	}

}
