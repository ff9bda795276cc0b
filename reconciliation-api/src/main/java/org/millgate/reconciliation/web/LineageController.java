package org.millgate.reconciliation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.millgate.contracts.access.Caller;
import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.GoodsMovement;
import org.millgate.reconciliation.reconcile.Lineage;
import org.millgate.reconciliation.reconcile.PostedConfirmation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lineage of a production order.
 */
@RestController
final class LineageController {

	private final Lineage lineage;

	LineageController(Lineage lineage) {
		this.lineage = lineage;
	}

	@GetMapping("/v1/reconciliation/production-orders/{orderId}/lineage")
	Mono<Map<String, Object>> lineage(Caller caller, @PathVariable String orderId) {
		return this.lineage.trace(caller, orderId).map(LineageController::json);
	}

	private static Map<String, Object> json(Lineage.Trace trace) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("orderId", trace.order().id());
		json.put("plant", trace.order().plant());
		json.put("material", trace.order().material());
		json.put("lateAfterSeconds", (int) trace.lateAfter().toSeconds());
		json.put("tracedAt", Json.time(trace.tracedAt()));
		json.put("late", (int) trace.count("LATE"));
		json.put("failed", (int) trace.count("FAILED"));
		List<Map<String, Object>> hops = trace.hops().stream().map(LineageController::hop).toList();
		json.put("hops", hops);
		return json;
	}

	private static Map<String, Object> hop(Lineage.Hop hop) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("hop", hop.hop());
		json.put("at", Json.time(hop.at()));
		json.put("atPrecision", hop.dayOnly() ? "DAY" : "SECOND");
		json.put("publishedAt", Json.time(hop.publishedAt()));
		json.put("state", hop.state());
		json.put("reason", hop.reason());
		json.put("eventId", hop.eventId());
		json.put("confirmation", confirmation(hop.confirmation(), hop.posted()));
		json.put("movement", movement(hop.movement()));
		json.put("shipmentId", hop.shipmentId());
		return json;
	}

	private static Map<String, Object> confirmation(Confirmation confirmation, PostedConfirmation posted) {
		if (confirmation == null && posted == null) {
			return null;
		}
		Map<String, Object> json = new LinkedHashMap<>();
		if (confirmation != null) {
			json.put("confirmationId", confirmation.id());
			json.put("operation", confirmation.operation());
			json.put("yield", quantity(confirmation.yield().value(), confirmation.yield().unit().code()));
			json.put("scrap", quantity(confirmation.scrap().value(), confirmation.scrap().unit().code()));
		}
		else {
			json.put("confirmationId", posted.confirmationId());
			json.put("operation", posted.operation());
			json.put("yield", quantity(posted.yield(), posted.unit()));
			json.put("scrap", quantity(posted.scrap(), posted.unit()));
		}
		json.put("postedThroughPlatform", posted != null);
		json.put("correlationId", (posted != null) ? posted.correlationId() : null);
		json.put("idempotencyKey", (posted != null) ? posted.idempotencyKey() : null);
		return json;
	}

	private static Map<String, Object> movement(GoodsMovement movement) {
		if (movement == null) {
			return null;
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("number", movement.document());
		document.put("year", movement.year());
		document.put("item", movement.item());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("materialDocument", document);
		json.put("movementType", movement.movementType());
		json.put("material", movement.batch().material());
		json.put("storageLocation", movement.storageLocation());
		json.put("batch", movement.batch().batch().isEmpty() ? null : movement.batch().batch());
		json.put("quantity", quantity(movement.quantity().value(), movement.quantity().unit().code()));
		return json;
	}

	private static Map<String, Object> quantity(java.math.BigDecimal value, String unit) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("value", value.setScale(3, java.math.RoundingMode.HALF_EVEN));
		json.put("unit", unit);
		return json;
	}

}
