package org.millgate.reconciliation.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.millgate.erp.model.Shipment;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.shipping.ShipmentStatus;
import org.millgate.erp.shipping.ShipmentTracker;
import org.millgate.erp.shipping.TrackedShipment;

/**
 * Compares the latest status the warehouse or a carrier reported for each shipment with
 * the shipment's status in the ERP, as the Shipments API derives it (readiness rules
 * included).
 */
final class ShipmentsReconciler {

	private static final Logger logger = LoggerFactory.getLogger(ShipmentsReconciler.class);

	// the process order of both vocabularies
	private static final Map<String, Integer> ORDER = Map.of("PLANNED", 0, "PICKING", 1, "PICKED", 2, "PACKED", 3,
			"READY_FOR_SHIPMENT", 4, "LOADED", 5, "SHIPPED", 6, "DELIVERED", 7);

	private static final Map<String, Set<String>> AGREES = Map.of("PICKING", Set.of("PICKING"), "PACKED",
			Set.of("PACKED", "READY_FOR_SHIPMENT"), "LOADED", Set.of("READY_FOR_SHIPMENT"), "SHIPPED",
			Set.of("SHIPPED"), "DELIVERED", Set.of("DELIVERED"));

	private final ReconciliationStore store;

	private final Deliveries deliveries;

	private final ShipmentTracker tracker;

	ShipmentsReconciler(ReconciliationStore store, Deliveries deliveries, ShipmentTracker tracker) {
		this.store = store;
		this.deliveries = deliveries;
		this.tracker = tracker;
	}

	Outcome reconcile(Run run, List<Mismatch> open, RunCalls erp) {
		Set<String> recheck = new LinkedHashSet<>();
		open.forEach((mismatch) -> recheck.add(mismatch.subject().shipmentId()));
		List<ShipmentReport> reports = this.store.latestReports(run.plant(), run.from(), run.to(), recheck);
		List<Shipment> shipments = new ArrayList<>();
		List<ShipmentReport> compared = new ArrayList<>();
		for (ShipmentReport report : reports) {
			try {
				shipments.add(erp.call(this.deliveries.shipment(report.shipmentId(), true)));
				compared.add(report);
			}
			catch (ErpFailure.NotFound ex) {
				logger.warn("Shipment {} of report {} is no longer in the ERP; not compared", report.shipmentId(),
						report.reportId());
			}
		}
		List<TrackedShipment> tracked = shipments.isEmpty() ? List.of() : erp.call(this.tracker.track(shipments));
		Instant readAt = Instant.now();
		List<Finding> findings = new ArrayList<>();
		for (int i = 0; i < tracked.size(); i++) {
			ShipmentReport report = compared.get(i);
			TrackedShipment shipment = tracked.get(i);
			ShipmentStatus status = shipment.status();
			if (!disagree(report, status.name(), shipment.lastChanged())) {
				continue;
			}
			findings.add(new Finding(MismatchKind.SHIPMENT_STATUS, run.plant(), Subject.shipment(report.shipmentId()),
					Evidence.of(Evidence.erp(Evidence.value("shipmentStatus", status.name()), readAt),
							Evidence.reported(report.system(), report.reporter(), report.reportId(),
									Evidence.value("shipmentStatus", report.status()), report.reportedAt()),
							List.of())));
		}
		return new Outcome(findings, tracked.size(), reports.size());
	}

	// A LOADED report for a shipment that is not ready yet always disagrees: goods are on
	// a truck that may not leave. Otherwise a report older than the ERP's later news
	// (the shipment changed in the ERP on or after the day of the report: the ERP keeps
	// the day only) is awaited, not reported.
	static boolean disagree(ShipmentReport report, String erpStatus, LocalDate erpChanged) {
		if (AGREES.get(report.status()).contains(erpStatus)) {
			return false;
		}
		int reported = ORDER.get(report.status());
		int erp = ORDER.get(erpStatus);
		if ("LOADED".equals(report.status()) && erp < ORDER.get("READY_FOR_SHIPMENT")) {
			return true;
		}
		boolean newer = erpChanged != null
				&& !erpChanged.isBefore(report.reportedAt().atOffset(ZoneOffset.UTC).toLocalDate());
		return !(erp > reported && newer);
	}

}
