package org.millgate.reconciliation.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.millgate.reconciliation.reconcile.Actor;
import org.millgate.reconciliation.reconcile.Mismatch;
import org.millgate.reconciliation.reconcile.Run;
import org.millgate.reconciliation.reconcile.ShipmentReport;
import org.millgate.reconciliation.reconcile.StockCount;

/**
 * The representations of the Reconciliation API v1.
 */
final class Json {

	private Json() {
	}

	static Map<String, Object> count(StockCount count) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("countId", count.countId());
		json.put("plant", count.plant());
		json.put("countedAt", time(count.countedAt()));
		json.put("positions", count.positions().size());
		json.put("receivedAt", time(count.receivedAt()));
		return json;
	}

	static Map<String, Object> shipmentReport(ShipmentReport report) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("reportId", report.reportId());
		json.put("shipmentId", report.shipmentId());
		json.put("plant", report.plant());
		json.put("status", report.status());
		json.put("system", report.system());
		json.put("reporter", report.reporter());
		json.put("reportedAt", time(report.reportedAt()));
		json.put("receivedAt", time(report.receivedAt()));
		return json;
	}

	static Map<String, Object> run(Run run) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("runId", run.runId());
		json.put("plant", run.plant());
		json.put("area", run.area().name());
		Map<String, Object> trigger = new LinkedHashMap<>();
		trigger.put("kind", run.scheduled() ? "SCHEDULED" : "ON_DEMAND");
		trigger.put("by", (run.by() != null) ? actor(run.by()) : null);
		json.put("trigger", trigger);
		json.put("state", run.state());
		Map<String, Object> window = new LinkedHashMap<>();
		window.put("from", time(run.from()));
		window.put("to", time(run.to()));
		json.put("window", window);
		json.put("requestedAt", time(run.requestedAt()));
		json.put("startedAt", time(run.startedAt()));
		json.put("finishedAt", time(run.finishedAt()));
		json.put("erpCalls", run.erpCalls());
		Map<String, Object> compared = new LinkedHashMap<>();
		compared.put("erp", run.comparedErp());
		compared.put("reported", run.comparedReported());
		json.put("compared", compared);
		Map<String, Object> mismatches = new LinkedHashMap<>();
		mismatches.put("opened", run.opened());
		mismatches.put("stillOpen", run.stillOpen());
		mismatches.put("closed", run.closed());
		json.put("mismatches", mismatches);
		json.put("failure", run.failure());
		return json;
	}

	static Map<String, Object> summary(Mismatch mismatch) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("mismatchId", mismatch.mismatchId());
		json.put("kind", mismatch.kind().name());
		json.put("plant", mismatch.plant());
		json.put("subject", mismatch.subject().json());
		json.put("systemOfRecord", mismatch.kind().systemOfRecord().name());
		Map<String, Object> owner = new LinkedHashMap<>();
		owner.put("plant", mismatch.plant());
		owner.put("team", mismatch.ownerTeam());
		owner.put("email", mismatch.ownerEmail());
		json.put("owner", owner);
		json.put("state", mismatch.state());
		json.put("resolution", mismatch.resolution());
		json.put("resolvedAt", time(mismatch.resolvedAt()));
		json.put("openedAt", time(mismatch.openedAt()));
		json.put("lastSeenRunId", mismatch.lastSeenRunId());
		return json;
	}

	static Map<String, Object> mismatch(Mismatch mismatch) {
		Map<String, Object> summary = summary(mismatch);
		Map<String, Object> json = new LinkedHashMap<>();
		summary.forEach((name, value) -> {
			json.put(name, value);
			if ("owner".equals(name)) {
				json.put("evidence", mismatch.evidence());
			}
		});
		List<Map<String, Object>> history = mismatch.history().stream().map((entry) -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("state", entry.state());
			item.put("resolution", entry.resolution());
			item.put("at", time(entry.at()));
			item.put("by", actor(entry.by()));
			item.put("note", entry.note());
			return item;
		}).toList();
		json.put("history", history);
		return json;
	}

	private static Map<String, Object> actor(Actor actor) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("kind", actor.kind());
		json.put("id", actor.id());
		return json;
	}

	static String time(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	// a strong tag that changes with any change of the representation
	static String etag(String id, Map<String, Object> json) {
		return "\"" + id.substring(0, Math.min(id.length(), 96)) + "-" + digest(json.toString()).substring(0, 24)
				+ "\"";
	}

	static String digest(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
