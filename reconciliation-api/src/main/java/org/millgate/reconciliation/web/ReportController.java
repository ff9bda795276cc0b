package org.millgate.reconciliation.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.reconciliation.reconcile.CountPosition;
import org.millgate.reconciliation.reconcile.ReconciliationStore;
import org.millgate.reconciliation.reconcile.Reports;
import org.millgate.web.JsonText;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the WMS and transport systems report: stock counts and shipment statuses, each
 * recorded once per client and {@code Idempotency-Key} (the contract check has already
 * refused a body that breaks the contract's shape).
 */
@RestController
final class ReportController {

	private final Reports reports;

	ReportController(Reports reports) {
		this.reports = reports;
	}

	@PostMapping("/v1/reconciliation/stock-counts")
	Mono<ResponseEntity<String>> count(Caller caller, @RequestHeader("Idempotency-Key") String key,
			@RequestBody byte[] body) {
		JsonNode json = JsonText.read(body);
		List<CountPosition> positions = new ArrayList<>();
		for (JsonNode position : json.path("positions")) {
			JsonNode batch = position.path("batch");
			positions.add(new CountPosition(position.path("material").asString(),
					position.path("storageLocation").asString(),
					(batch.isMissingNode() || batch.isNull()) ? null : batch.asString(),
					position.path("stockStatus").asString(), position.path("quantity").path("value").decimalValue(),
					position.path("quantity").path("unit").asString()));
		}
		Reports.CountRequest request = new Reports.CountRequest(json.path("plant").asString(),
				OffsetDateTime.parse(json.path("countedAt").asString()).toInstant(), positions);
		return this.reports
			.count(caller, idempotency(caller, key, "reportStockCount", json), request,
					(count) -> JsonText.string(Json.count(count)))
			.map(ReportController::answer);
	}

	@PostMapping("/v1/reconciliation/shipment-reports")
	Mono<ResponseEntity<String>> shipment(Caller caller, @RequestHeader("Idempotency-Key") String key,
			@RequestBody byte[] body) {
		JsonNode json = JsonText.read(body);
		Reports.ShipmentReportRequest request = new Reports.ShipmentReportRequest(json.path("shipmentId").asString(),
				json.path("status").asString(), json.path("system").asString(), json.path("reporter").asString(),
				OffsetDateTime.parse(json.path("reportedAt").asString()).toInstant());
		return this.reports
			.shipment(caller, idempotency(caller, key, "reportShipmentStatus", json), request,
					(report) -> JsonText.string(Json.shipmentReport(report)))
			.map(ReportController::answer);
	}

	// the same report in any member order and spacing, and with or without trailing
	// zeros,
	// is the same report
	private static ReconciliationStore.Idempotency idempotency(Caller caller, String key, String operation,
			JsonNode json) {
		return new ReconciliationStore.Idempotency(caller.clientId(), key, operation,
				Json.digest(operation + "\n" + JsonText.canonical(json)));
	}

	private static ResponseEntity<String> answer(ReconciliationStore.Recorded recorded) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED)
			.contentType(MediaType.APPLICATION_JSON);
		if (recorded instanceof ReconciliationStore.Recorded.Fresh fresh) {
			return response.body(fresh.answer());
		}
		if (recorded instanceof ReconciliationStore.Recorded.Replayed replayed) {
			return response.header("Idempotency-Replayed", "true").body(replayed.answer());
		}
		throw new Rejection("idempotency.keyReused",
				"This Idempotency-Key was already used with a different request body; use a new key for a new report.");
	}

}
