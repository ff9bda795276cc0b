package org.millgate.reconciliation.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.paging.Cursors;
import org.millgate.reconciliation.reconcile.Area;
import org.millgate.reconciliation.reconcile.Run;
import org.millgate.reconciliation.reconcile.Runs;
import org.millgate.web.Correlation;
import org.millgate.web.JsonText;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reconciliation runs: started on demand, followed, listed.
 */
@RestController
@RequestMapping("/v1/reconciliation/runs")
final class RunController {

	private final Runs runs;

	private final Cursors cursors;

	private final Scheduler blocking;

	RunController(Runs runs, Cursors cursors, Scheduler reconciliationBlocking) {
		this.runs = runs;
		this.cursors = cursors;
		this.blocking = reconciliationBlocking;
	}

	@PostMapping
	Mono<ResponseEntity<Map<String, Object>>> start(Caller caller, @RequestBody byte[] body,
			ServerWebExchange exchange) {
		JsonNode json = JsonText.read(body);
		String correlationId = Correlation.id(exchange);
		return Mono
			.fromCallable(() -> this.runs.start(caller, json.path("plant").asString(),
					Area.valueOf(json.path("area").asString()), instant(json.path("from")), instant(json.path("to")),
					correlationId))
			.subscribeOn(this.blocking)
			.map((run) -> ResponseEntity.accepted()
				.location(URI.create("/v1/reconciliation/runs/" + run.runId()))
				.body(Json.run(run)));
	}

	@GetMapping("/{runId}")
	Mono<ResponseEntity<Map<String, Object>>> read(Caller caller, @PathVariable String runId) {
		return Mono.fromCallable(() -> this.runs.run(caller, runId)).subscribeOn(this.blocking).map((run) -> {
			Map<String, Object> json = Json.run(run);
			return ResponseEntity.ok().eTag(Json.etag(run.runId(), json)).body(json);
		});
	}

	@GetMapping
	Mono<Map<String, Object>> list(Caller caller, @RequestParam(required = false) String plant,
			@RequestParam(required = false) Area area, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		String query = "plant=" + text(plant) + "&area=" + text(area) + "&limit=" + limit;
		Run after = null;
		if (cursor != null) {
			List<String> position = this.cursors.position(query, cursor, 2);
			after = new Run(position.get(1), null, null, false, null, null, null, null,
					OffsetDateTime.parse(position.get(0)).toInstant(), null, null, 0, 0, 0, 0, 0, 0, null, null);
		}
		Run page = after;
		return Mono.fromCallable(() -> this.runs.runs(caller, plant, area, page, limit + 1))
			.subscribeOn(this.blocking)
			.map((runs) -> {
				Map<String, Object> json = new LinkedHashMap<>();
				List<Run> items = runs.subList(0, Math.min(limit, runs.size()));
				json.put("items", items.stream().map(Json::run).toList());
				Run last = items.isEmpty() ? null : items.get(items.size() - 1);
				json.put("nextCursor", (runs.size() > limit)
						? this.cursors.issue(query, List.of(last.requestedAt().toString(), last.runId())) : null);
				return json;
			});
	}

	private static java.time.Instant instant(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : OffsetDateTime.parse(node.asString()).toInstant();
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

}
