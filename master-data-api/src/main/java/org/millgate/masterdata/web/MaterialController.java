package org.millgate.masterdata.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.paging.Cursors;
import org.millgate.erp.model.BillOfMaterial;
import org.millgate.erp.model.BomUsage;
import org.millgate.erp.model.MaterialMaster;
import org.millgate.erp.model.MaterialPlant;
import org.millgate.erp.model.MaterialType;
import org.millgate.erp.model.Quantity;
import org.millgate.masterdata.lookup.MasterDataLookup;
import org.millgate.product.web.EntityTags;

/**
 * Materials: a page for synchronisation, one material with its units and plant data, and
 * its bill of materials.
 */
@RestController
@RequestMapping("/v1/materials")
final class MaterialController {

	private static final String VARY = "Accept-Language, Authorization";

	private final MasterDataLookup lookup;

	private final Cursors cursors;

	private final Freshness freshness;

	MaterialController(MasterDataLookup lookup, Cursors cursors, Freshness freshness) {
		this.lookup = lookup;
		this.cursors = cursors;
		this.freshness = freshness;
	}

	@GetMapping
	Mono<ResponseEntity<Map<String, Object>>> list(Caller caller, @RequestParam(required = false) String plant,
			@RequestParam(required = false) MaterialType type,
			@RequestParam(required = false) OffsetDateTime changedSince, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
		LocalDate since = (changedSince != null) ? changedSince.atZoneSameInstant(ZoneOffset.UTC).toLocalDate() : null;
		String query = "plant=" + text(plant) + "&type=" + text(type) + "&changedSince=" + text(since) + "&limit="
				+ limit;
		MasterDataLookup.Position after = null;
		if (cursor != null) {
			List<String> position = this.cursors.position(query, cursor, 2);
			after = new MasterDataLookup.Position(LocalDate.parse(position.get(0)), position.get(1));
		}
		List<String> languages = languages(acceptLanguage);
		return this.lookup.materials(caller, new MasterDataLookup.Filter(plant, type, since), after, limit)
			.map((page) -> {
				List<Map<String, Object>> items = new ArrayList<>();
				String language = null;
				for (MaterialMaster material : page.items()) {
					MasterDataLookup.Description description = MasterDataLookup.description(material, languages);
					language = (language != null) ? language : description.language();
					items.add(summary(material, description));
				}
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("items", items);
				json.put("nextCursor", page.more()
						? this.cursors.issue(query, List.of(page.nextChange().toString(), page.nextAfter())) : null);
				Instant asOf = page.items()
					.stream()
					.map(MaterialMaster::asOf)
					.min(Instant::compareTo)
					.orElseGet(this.freshness.clock()::instant);
				json.put("asOf", asOf.atOffset(ZoneOffset.UTC));
				return ResponseEntity.ok()
					.eTag(EntityTags.of("md-materials", items + "|" + json.get("nextCursor")))
					.header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
					.header(HttpHeaders.CONTENT_LANGUAGE, (language != null) ? language : first(languages))
					.header(HttpHeaders.VARY, VARY)
					.body(json);
			});
	}

	@GetMapping("/{material}")
	Mono<ResponseEntity<Map<String, Object>>> read(Caller caller, @PathVariable String material,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
		List<String> languages = languages(acceptLanguage);
		return this.lookup.material(caller, material).map((found) -> {
			MasterDataLookup.Description description = MasterDataLookup.description(found, languages);
			Map<String, Object> json = summary(found, description);
			json.remove("plants");
			json.remove("lastChangedAt");
			json.put("alternativeUnits", found.conversions().stream().map((conversion) -> {
				Map<String, Object> unit = new LinkedHashMap<>();
				unit.put("unit", conversion.unit().code());
				unit.put("numerator", conversion.numerator().longValueExact());
				unit.put("denominator", conversion.denominator().longValueExact());
				return unit;
			}).toList());
			json.put("grossWeight", quantity(found.grossWeight()));
			json.put("netWeight", quantity(found.netWeight()));
			json.put("plants", found.plants().stream().map(MaterialController::plant).toList());
			json.put("lastChangedAt", changedAt(found));
			json.put("asOf", found.asOf().atOffset(ZoneOffset.UTC));
			return ResponseEntity.ok()
				.eTag(EntityTags.of("md-" + found.id(), withoutAsOf(json)))
				.header(HttpHeaders.CACHE_CONTROL, this.freshness.cacheControl(found.asOf()))
				.header(HttpHeaders.CONTENT_LANGUAGE, description.language())
				.header(HttpHeaders.VARY, VARY)
				.body(ordered(json));
		});
	}

	@GetMapping("/{material}/bill-of-materials")
	Mono<ResponseEntity<Map<String, Object>>> billOfMaterials(Caller caller, @PathVariable String material,
			@RequestParam String plant, @RequestParam(required = false) BomUsage usage,
			@RequestParam(required = false) LocalDate validOn) {
		return this.lookup.billOfMaterials(caller, material, plant, usage, validOn).map((bom) -> {
			Map<String, Object> json = bom(bom);
			return ResponseEntity.ok()
				.eTag(EntityTags.of("md-bom-" + bom.material() + "-" + bom.plant(), withoutAsOf(json)))
				.header(HttpHeaders.CACHE_CONTROL, this.freshness.cacheControl(bom.asOf()))
				.header(HttpHeaders.VARY, "Authorization")
				.body(json);
		});
	}

	private static Map<String, Object> summary(MaterialMaster material, MasterDataLookup.Description description) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("material", material.id());
		json.put("description", description.text());
		json.put("language", description.language());
		json.put("type", material.type());
		json.put("baseUnit", material.baseUnit().code());
		json.put("batchManaged", material.batchManaged());
		json.put("markedForDeletion", material.markedForDeletion());
		json.put("plants", material.plants().stream().map(MaterialPlant::plant).toList());
		json.put("lastChangedAt", changedAt(material));
		return json;
	}

	// The contract's order of a material's fields.
	private static Map<String, Object> ordered(Map<String, Object> json) {
		Map<String, Object> ordered = new LinkedHashMap<>();
		for (String field : List.of("material", "description", "language", "type", "baseUnit", "alternativeUnits",
				"batchManaged", "grossWeight", "netWeight", "markedForDeletion", "plants", "lastChangedAt", "asOf")) {
			ordered.put(field, json.get(field));
		}
		return ordered;
	}

	private static Map<String, Object> plant(MaterialPlant plant) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("plant", plant.plant());
		json.put("procurementType", plant.procurementType());
		json.put("mrpController", plant.mrpController());
		json.put("batchManaged", plant.batchManaged());
		json.put("storageLocations", plant.storageLocations());
		return json;
	}

	private static Map<String, Object> bom(BillOfMaterial bom) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("material", bom.material());
		json.put("plant", bom.plant());
		json.put("usage", bom.usage());
		json.put("alternative", bom.alternative());
		json.put("validOn", bom.validOn());
		json.put("baseQuantity", quantity(bom.baseQuantity()));
		json.put("items", bom.items().stream().map((item) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("item", item.item());
			entry.put("component", item.component());
			entry.put("quantity", quantity(item.quantity()));
			entry.put("category", item.category());
			entry.put("validFrom", item.validFrom());
			entry.put("validTo", item.validTo());
			return entry;
		}).toList());
		json.put("asOf", bom.asOf().atOffset(ZoneOffset.UTC));
		return json;
	}

	private static Map<String, Object> quantity(Quantity quantity) {
		if (quantity == null) {
			return null;
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("value", quantity.value());
		json.put("unit", quantity.unit().code());
		return json;
	}

	// The ERP keeps the day of a change only: its start, in UTC.
	private static OffsetDateTime changedAt(MaterialMaster material) {
		return material.lastChanged().atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	// The tag names the data, not when it was read: a re-read of unchanged data keeps it.
	private static Map<String, Object> withoutAsOf(Map<String, Object> json) {
		Map<String, Object> copy = new LinkedHashMap<>(json);
		copy.remove("asOf");
		return copy;
	}

	// The caller's languages in order of preference; a header that cannot be read is
	// ignored (the ERP's own language then), as HTTP lets a server do.
	private static List<String> languages(String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return List.of();
		}
		try {
			return Locale.LanguageRange.parse(acceptLanguage)
				.stream()
				.filter((range) -> range.getWeight() > 0)
				.map(Locale.LanguageRange::getRange)
				.toList();
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	private static String first(List<String> languages) {
		return languages.stream()
			.map((range) -> range.split("-", 2)[0].toLowerCase(Locale.ROOT))
			.filter((language) -> language.matches("[a-z]{2}"))
			.findFirst()
			.orElse("en");
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

}
