package org.millgate.portal.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.millgate.portal.operations.Charts;
import org.millgate.portal.operations.OperationsFigures;
import org.millgate.portal.operations.ReconciliationClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operations pages: how the platform is doing per plant over time (latency, errors,
 * event lag, mismatches opened and resolved), the open mismatches, and the lineage of a
 * production order. For the {@code operations} role.
 */
@Controller
final class OperationsController {

	private final ReconciliationClient reconciliation;

	private final OperationsFigures figures;

	OperationsController(ReconciliationClient reconciliation, OperationsFigures figures) {
		this.reconciliation = reconciliation;
		this.figures = figures;
	}

	@GetMapping("/operations")
	String overview(Model model) {
		// figures at most 5 seconds old, also between the scheduled samples
		this.figures.sampleIfOlderThan(Duration.ofSeconds(5));
		Map<String, List<OperationsFigures.Point>> requests = this.figures.requestsByPlant();
		model.addAttribute("latencyChart",
				Charts.lines("Mean latency per plant", "ms", requests, OperationsFigures.Point::meanMillis));
		model.addAttribute("errorChart",
				Charts.lines("Share of 5xx answers per plant", "", requests, OperationsFigures.Point::errorRatio));
		model.addAttribute("rateChart",
				Charts.lines("Requests per second per plant", "req/s", requests, OperationsFigures.Point::rate));
		model.addAttribute("lagChart", Charts.lines("Event lag per consumer group", "records",
				this.figures.lagByGroup(), OperationsFigures.Point::rate));
		model.addAttribute("configured", this.reconciliation.configured());
		// opened per day by the runs that opened them, resolved per day by when they were
		// resolved (by someone, or by a run that no longer found them)
		ReconciliationClient.Answer runs = this.reconciliation.runs();
		Map<LocalDate, int[]> days = new TreeMap<>();
		for (Map<String, Object> run : items(runs)) {
			Object finished = run.get("finishedAt");
			if (finished == null || !"FINISHED".equals(run.get("state"))) {
				continue;
			}
			Map<?, ?> counts = (Map<?, ?>) run.get("mismatches");
			days.computeIfAbsent(day(finished), (d) -> new int[2])[0] += ((Number) counts.get("opened")).intValue();
		}
		ReconciliationClient.Answer resolved = this.reconciliation.resolvedMismatches();
		for (Map<String, Object> mismatch : items(resolved)) {
			Object at = mismatch.get("resolvedAt");
			if (at != null) {
				days.computeIfAbsent(day(at), (d) -> new int[2])[1]++;
			}
		}
		model.addAttribute("mismatchChart", Charts.bars("Mismatches opened and resolved per day", days));
		ReconciliationClient.Answer open = this.reconciliation.openMismatches();
		model.addAttribute("mismatches", items(open));
		model.addAttribute("problem", (open.problem() != null) ? open.problem() : runs.problem());
		return "operations";
	}

	@GetMapping("/operations/lineage")
	String lineage(@RequestParam(required = false) String orderId, Model model) {
		model.addAttribute("orderId", (orderId != null) ? orderId : "");
		if (orderId == null || orderId.isBlank()) {
			return "lineage";
		}
		if (!orderId.matches("[0-9]{1,12}")) {
			model.addAttribute("problem", "A production order number has 1 to 12 digits.");
			return "lineage";
		}
		ReconciliationClient.Answer answer = this.reconciliation.lineage(orderId);
		if (answer.ok()) {
			model.addAttribute("lineage", answer.body());
		}
		else {
			model.addAttribute("problem", (answer.status() == 404)
					? "No production order " + orderId + " is visible to the operations team." : answer.problem());
		}
		return "lineage";
	}

	private static LocalDate day(Object instant) {
		return LocalDate.ofInstant(Instant.parse(instant.toString()), java.time.ZoneOffset.UTC);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(ReconciliationClient.Answer answer) {
		return (answer.ok() && answer.body().get("items") instanceof List<?> items) ? (List<Map<String, Object>>) items
				: List.of();
	}

}
