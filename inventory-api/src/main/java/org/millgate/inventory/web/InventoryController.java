package org.millgate.inventory.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.inventory.availability.AvailabilityService;
import org.millgate.inventory.availability.Breakdown;
import org.millgate.inventory.availability.MaterialAvailability;
import org.millgate.inventory.availability.StockFigures;
import org.millgate.web.JsonText;

/**
 * Availability of one material, or of many at once.
 */
@RestController
@RequestMapping("/v1/inventory/availability")
final class InventoryController {

	private final AvailabilityService availability;

	private final Duration freshness;

	private final Clock clock;

	InventoryController(AvailabilityService availability, InventoryFreshness freshness, Clock clock) {
		this.availability = availability;
		this.freshness = freshness.duration();
		this.clock = clock;
	}

	@GetMapping
	Mono<ResponseEntity<Map<String, Object>>> one(Caller caller, @RequestParam String material,
			@RequestParam String plant, @RequestParam(required = false) String storageLocation,
			@RequestParam(required = false) String batch, @RequestParam(required = false) String unit,
			@RequestParam(defaultValue = "NONE") Breakdown breakdown) {
		AvailabilityService.Item item = new AvailabilityService.Item(material, plant, storageLocation, batch,
				(unit != null) ? UnitOfMeasure.of(unit) : null, breakdown);
		return this.availability.one(caller, item)
			.map((found) -> ResponseEntity.ok().header("Cache-Control", cacheControl(found.asOf())).body(json(found)));
	}

	@PostMapping("/queries")
	Mono<ResponseEntity<Map<String, Object>>> many(Caller caller, @RequestBody byte[] body) {
		JsonNode query = JsonText.read(body);
		String plant = query.path("plant").asString();
		Breakdown breakdown = Breakdown.valueOf(query.path("breakdown").asString("NONE"));
		List<AvailabilityService.Item> items = new ArrayList<>();
		query.path("items")
			.forEach((item) -> items.add(new AvailabilityService.Item(item.path("material").asString(), plant,
					text(item, "storageLocation"), text(item, "batch"),
					(text(item, "unit") != null) ? UnitOfMeasure.of(text(item, "unit")) : null, breakdown)));
		return this.availability.many(caller, plant, items).map((outcomes) -> {
			Instant asOf = outcomes.stream()
				.filter((outcome) -> outcome.availability() != null)
				.map((outcome) -> outcome.availability().asOf())
				.min(Instant::compareTo)
				.orElseGet(this.clock::instant);
			List<Map<String, Object>> results = new ArrayList<>();
			for (AvailabilityService.Outcome outcome : outcomes) {
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("material", outcome.item().material());
				result.put("storageLocation", outcome.item().storageLocation());
				result.put("batch", outcome.item().batch());
				result.put("outcome", outcome.outcome());
				if (outcome.availability() != null) {
					result.put("availability", json(outcome.availability()));
				}
				else {
					result.put("problem", Map.of("code", outcome.code(), "detail", outcome.detail()));
				}
				results.add(result);
			}
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("plant", plant);
			json.put("asOf", asOf.atOffset(ZoneOffset.UTC));
			json.put("results", results);
			return ResponseEntity.ok().header("Cache-Control", cacheControl(asOf)).body(json);
		});
	}

	// max-age is what is left of the freshness window of the ERP data behind the answer.
	private String cacheControl(Instant asOf) {
		Duration left = this.freshness.minus(Duration.between(asOf, this.clock.instant()));
		return "max-age=" + Math.max(0, left.toSeconds());
	}

	private static Map<String, Object> json(MaterialAvailability availability) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("material", availability.material());
		json.put("plant", availability.plant());
		json.put("storageLocation", availability.storageLocation());
		json.put("batch", availability.batch());
		json.put("unit", availability.unit().code());
		json.put("quantities", quantities(availability.totals()));
		json.put("overAllocated", availability.totals().overAllocated());
		json.put("asOf", availability.asOf().atOffset(ZoneOffset.UTC));
		json.put("breakdown", availability.breakdown().stream().map((part) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("storageLocation", part.storageLocation());
			entry.put("batch", part.batch());
			entry.put("quantities", quantities(part.figures()));
			entry.put("overAllocated", part.figures().overAllocated());
			return entry;
		}).toList());
		return json;
	}

	private static Map<String, BigDecimal> quantities(StockFigures figures) {
		Map<String, BigDecimal> json = new LinkedHashMap<>();
		json.put("onHand", figures.onHand());
		json.put("allocated", figures.allocated());
		json.put("qualityHold", figures.qualityHold());
		json.put("blocked", figures.blocked());
		json.put("inTransit", figures.inTransit());
		json.put("productionConsumable", figures.productionConsumable());
		json.put("available", figures.available());
		return json;
	}

	private static String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asString() : null;
	}

}
