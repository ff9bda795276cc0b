package org.millgate.masterdata.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.masterdata.lookup.MasterDataLookup;
import org.millgate.product.web.EntityTags;

/**
 * What materials refer to: units of measure, plants and their storage locations.
 */
@RestController
final class ReferenceController {

	private final MasterDataLookup lookup;

	private final Freshness freshness;

	ReferenceController(MasterDataLookup lookup, Freshness freshness) {
		this.lookup = lookup;
		this.freshness = freshness;
	}

	@GetMapping("/v1/units-of-measure")
	Mono<ResponseEntity<Map<String, Object>>> units() {
		return this.lookup.units().map((units) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("items", units.items().stream().map((unit) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("unit", unit.unit().code());
				entry.put("isoCode", unit.isoCode());
				entry.put("dimension", unit.dimension());
				entry.put("decimals", unit.decimals());
				entry.put("name", unit.name());
				return entry;
			}).toList());
			return answer("md-units", json, units.asOf());
		});
	}

	@GetMapping("/v1/plants")
	Mono<ResponseEntity<Map<String, Object>>> plants(Caller caller) {
		return this.lookup.plants(caller).map((plants) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("items", plants.items().stream().map((plant) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("plant", plant.plant());
				entry.put("name", plant.name());
				return entry;
			}).toList());
			return answer("md-plants", json, plants.asOf());
		});
	}

	@GetMapping("/v1/plants/{plant}/storage-locations")
	Mono<ResponseEntity<Map<String, Object>>> storageLocations(Caller caller, @PathVariable String plant) {
		return this.lookup.storageLocations(caller, plant).map((locations) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("plant", plant);
			json.put("items", locations.items().stream().map((location) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("storageLocation", location.storageLocation());
				entry.put("name", location.name());
				return entry;
			}).toList());
			return answer("md-locations-" + plant, json, locations.asOf());
		});
	}

	private ResponseEntity<Map<String, Object>> answer(String tag, Map<String, Object> json, Instant asOf) {
		String etag = EntityTags.of(tag, json);
		json.put("asOf", asOf.atOffset(ZoneOffset.UTC));
		return ResponseEntity.ok()
			.eTag(etag)
			.header(HttpHeaders.CACHE_CONTROL, this.freshness.cacheControl(asOf))
			.header(HttpHeaders.VARY, "Authorization")
			.body(json);
	}

}
