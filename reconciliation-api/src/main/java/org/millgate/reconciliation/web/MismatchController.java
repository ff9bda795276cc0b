package org.millgate.reconciliation.web;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.paging.Cursors;
import org.millgate.reconciliation.reconcile.Mismatch;
import org.millgate.reconciliation.reconcile.MismatchKind;
import org.millgate.reconciliation.reconcile.Mismatches;
import org.millgate.reconciliation.reconcile.Subject;
import org.millgate.web.JsonText;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mismatches: listed, read with evidence and history, acknowledged and resolved.
 */
@RestController
@RequestMapping("/v1/reconciliation/mismatches")
final class MismatchController {

	private final Mismatches mismatches;

	private final Cursors cursors;

	private final Scheduler blocking;

	MismatchController(Mismatches mismatches, Cursors cursors, Scheduler reconciliationBlocking) {
		this.mismatches = mismatches;
		this.cursors = cursors;
		this.blocking = reconciliationBlocking;
	}

	@GetMapping
	Mono<Map<String, Object>> list(Caller caller, @RequestParam(required = false) String plant,
			@RequestParam(required = false) String state, @RequestParam(required = false) MismatchKind kind,
			@RequestParam(required = false) String runId, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		String query = "plant=" + text(plant) + "&state=" + text(state) + "&kind=" + text(kind) + "&runId="
				+ text(runId) + "&limit=" + limit;
		Mismatch after = null;
		if (cursor != null) {
			List<String> position = this.cursors.position(query, cursor, 2);
			after = new Mismatch(position.get(1), MismatchKind.SHIPMENT_STATUS, "", Subject.shipment(null), "", "",
					Map.of(), "", null, "", null, OffsetDateTime.parse(position.get(0)).toInstant(), "", 0, List.of(),
					null);
		}
		Mismatch page = after;
		return Mono.fromCallable(() -> this.mismatches.mismatches(caller, plant, state, kind, runId, page, limit + 1))
			.subscribeOn(this.blocking)
			.map((found) -> {
				Map<String, Object> json = new LinkedHashMap<>();
				List<Mismatch> items = found.subList(0, Math.min(limit, found.size()));
				json.put("items", items.stream().map(Json::summary).toList());
				Mismatch last = items.isEmpty() ? null : items.get(items.size() - 1);
				json.put("nextCursor", (found.size() > limit)
						? this.cursors.issue(query, List.of(last.openedAt().toString(), last.mismatchId())) : null);
				return json;
			});
	}

	@GetMapping("/{mismatchId}")
	Mono<ResponseEntity<Map<String, Object>>> read(Caller caller, @PathVariable String mismatchId) {
		return Mono.fromCallable(() -> this.mismatches.mismatch(caller, mismatchId))
			.subscribeOn(this.blocking)
			.map((mismatch) -> {
				Map<String, Object> json = Json.mismatch(mismatch);
				return ResponseEntity.ok().eTag(Json.etag(mismatch.mismatchId(), json)).body(json);
			});
	}

	@PostMapping("/{mismatchId}/acknowledgement")
	Mono<Map<String, Object>> acknowledge(Caller caller, @PathVariable String mismatchId,
			@RequestBody(required = false) byte[] body) {
		String note = (body != null && body.length > 0) ? text(JsonText.read(body).path("note")) : null;
		return Mono.fromCallable(() -> this.mismatches.acknowledge(caller, mismatchId, note))
			.subscribeOn(this.blocking)
			.map(Json::mismatch);
	}

	@PostMapping("/{mismatchId}/resolution")
	Mono<Map<String, Object>> resolve(Caller caller, @PathVariable String mismatchId, @RequestBody byte[] body) {
		JsonNode json = JsonText.read(body);
		return Mono
			.fromCallable(() -> this.mismatches.resolve(caller, mismatchId, json.path("resolution").asString(),
					json.path("note").asString()))
			.subscribeOn(this.blocking)
			.map(Json::mismatch);
	}

	private static String text(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : node.asString();
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

}
