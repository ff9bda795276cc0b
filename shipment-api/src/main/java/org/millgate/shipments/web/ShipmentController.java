package org.millgate.shipments.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.paging.Cursors;
import org.millgate.erp.model.Shipment;
import org.millgate.erp.model.ShipmentItem;
import org.millgate.erp.shipping.Checks;
import org.millgate.erp.shipping.ShipmentStatus;
import org.millgate.erp.shipping.TrackedShipment;
import org.millgate.product.web.EntityTags;
import org.millgate.shipments.tracking.ShipmentTracking;

/**
 * Shipments: a page of summaries, or one shipment with its checks and items.
 */
@RestController
@RequestMapping("/v1/shipments")
final class ShipmentController {

	private final ShipmentTracking tracking;

	private final Cursors cursors;

	ShipmentController(ShipmentTracking tracking, Cursors cursors) {
		this.tracking = tracking;
		this.cursors = cursors;
	}

	@GetMapping
	Mono<Map<String, Object>> list(Caller caller, @RequestParam(required = false) String plant,
			@RequestParam(required = false) String shipTo, @RequestParam(required = false) ShipmentStatus status,
			@RequestParam(required = false) OffsetDateTime changedSince, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		ShipmentTracking.Filter filter = new ShipmentTracking.Filter(plant, shipTo, status,
				(changedSince != null) ? changedSince.toInstant() : null);
		String query = "plant=" + text(plant) + "&shipTo=" + text(shipTo) + "&status=" + text(status) + "&changedSince="
				+ text(filter.changedSince()) + "&limit=" + limit;
		ShipmentTracking.Position after = (cursor != null) ? position(query, cursor) : null;
		return this.tracking.shipments(caller, filter, after, limit).map((page) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("items", page.items().stream().map(ShipmentController::summary).toList());
			json.put("nextCursor",
					(page.next() != null)
							? this.cursors.issue(query, List.of(page.next().lastChanged().toString(), page.next().id()))
							: null);
			return json;
		});
	}

	@GetMapping("/{shipmentId}")
	Mono<ResponseEntity<Map<String, Object>>> read(Caller caller, @PathVariable String shipmentId) {
		return this.tracking.shipment(caller, shipmentId).map((tracked) -> {
			Map<String, Object> json = detail(tracked);
			return ResponseEntity.ok().eTag(EntityTags.of("sh-" + tracked.shipment().id(), json)).body(json);
		});
	}

	private ShipmentTracking.Position position(String query, String cursor) {
		List<String> position = this.cursors.position(query, cursor, 2);
		return new ShipmentTracking.Position(LocalDate.parse(position.get(0)), position.get(1));
	}

	private static Map<String, Object> summary(TrackedShipment tracked) {
		Shipment shipment = tracked.shipment();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("shipmentId", shipment.id());
		json.put("plant", tracked.plant());
		json.put("shipTo", shipment.shipTo());
		json.put("status", tracked.status());
		dates(shipment, json);
		json.put("lastChangedAt", changedAt(tracked));
		return json;
	}

	private static Map<String, Object> detail(TrackedShipment tracked) {
		Shipment shipment = tracked.shipment();
		Checks checks = tracked.checks();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("shipmentId", shipment.id());
		json.put("plant", tracked.plant());
		json.put("shippingPoint", shipment.shippingPoint());
		json.put("shipTo", shipment.shipTo());
		json.put("soldTo", shipment.soldTo());
		json.put("status", tracked.status());
		Map<String, Object> checksJson = new LinkedHashMap<>();
		checksJson.put("picking", checks.picking());
		checksJson.put("packing", checks.packing());
		checksJson.put("goodsIssue", checks.goodsIssue());
		checksJson.put("proofOfDelivery", checks.proofOfDelivery());
		checksJson.put("qualityReleased", checks.qualityReleased());
		checksJson.put("blocked", checks.blocked());
		json.put("checks", checksJson);
		json.put("readyForShipment", tracked.status().readyForShipment());
		dates(shipment, json);
		json.put("items", tracked.items().stream().map((item) -> {
			ShipmentItem line = item.item();
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("item", itemNumber(line.item()));
			entry.put("material", line.material());
			entry.put("plant", (line.plant() != null && !line.plant().isBlank()) ? line.plant() : tracked.plant());
			entry.put("storageLocation", blankToNull(line.storageLocation()));
			entry.put("batch", blankToNull(line.batch()));
			entry.put("quantity", line.quantity().value());
			entry.put("unit", line.quantity().unit().code());
			entry.put("qualityReleased", item.qualityReleased());
			return entry;
		}).toList());
		json.put("lastChangedAt", changedAt(tracked));
		return json;
	}

	private static void dates(Shipment shipment, Map<String, Object> json) {
		json.put("plannedGoodsIssueDate", shipment.plannedGoodsIssue());
		json.put("actualGoodsIssueDate", shipment.actualGoodsIssue());
		json.put("plannedDeliveryDate", shipment.deliveryDate());
	}

	// The ERP keeps the day of a change only: its start, in UTC.
	private static OffsetDateTime changedAt(TrackedShipment tracked) {
		return tracked.lastChanged().atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	// The ERP pads item numbers to six digits ("000010"); the contract shows "10".
	private static String itemNumber(String item) {
		String number = item.replaceFirst("^0+", "");
		return number.isEmpty() ? "0" : number;
	}

	private static String blankToNull(String text) {
		return (text != null && !text.isBlank()) ? text : null;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

}
