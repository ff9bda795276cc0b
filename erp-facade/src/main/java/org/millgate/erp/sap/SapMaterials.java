package org.millgate.erp.sap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.Material;
import org.millgate.erp.model.UnitConversion;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.Materials;
import org.millgate.erp.resilience.ErpCalls;
import org.millgate.erp.resilience.SharedReads;

import static org.millgate.erp.sap.SapValues.decimal;
import static org.millgate.erp.sap.SapValues.flag;
import static org.millgate.erp.sap.SapValues.text;

/**
 * Material master data from {@code API_PRODUCT_SRV}, cached for the master-data time.
 */
final class SapMaterials implements Materials {

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapUnits units;

	private final SharedReads<String, Material> cache;

	SapMaterials(SapHttp http, ErpCalls calls, SapUnits units, SharedReads<String, Material> cache) {
		this.http = http;
		this.calls = calls;
		this.units = units;
		this.cache = cache;
	}

	@Override
	public Mono<Material> material(String id) {
		return this.cache.get(id,
				() -> this.calls
					.read("material.read",
							() -> this.http.get(SapRelease.PRODUCTS, "A_Product(" + ODataFilter.literal(id) + ")",
									Map.of("$expand", "to_Description,to_Plant,to_ProductUnitsOfMeasure")))
					.map((answer) -> material(answer.entity())));
	}

	private Material material(JsonNode entity) {
		UnitOfMeasure base = this.units.canonical(text(entity, "BaseUnit"));
		String description = "";
		for (JsonNode text : results(entity, "to_Description")) {
			if ("EN".equals(text.path("Language").asString(""))) {
				description = text(text, "ProductDescription");
			}
		}
		List<UnitConversion> conversions = new ArrayList<>();
		for (JsonNode unit : results(entity, "to_ProductUnitsOfMeasure")) {
			// An alternative unit without a UN/ECE code cannot be asked for: leave it out
			// rather than lose the material.
			UnitOfMeasure alternative = this.units.canonicalOrNull(text(unit, "AlternativeUnit"));
			if (alternative != null && !alternative.equals(base)) {
				conversions.add(new UnitConversion(alternative, decimal(unit, "QuantityNumerator"),
						decimal(unit, "QuantityDenominator")));
			}
		}
		Set<String> batchManaged = new HashSet<>();
		for (JsonNode plant : results(entity, "to_Plant")) {
			if (flag(plant, "IsBatchManagementRequired")) {
				batchManaged.add(text(plant, "Plant"));
			}
		}
		return new Material(text(entity, "Product"), description, base, conversions, batchManaged);
	}

	private static List<JsonNode> results(JsonNode entity, String navigation) {
		List<JsonNode> results = new ArrayList<>();
		entity.path(navigation).path("results").forEach(results::add);
		return results;
	}

}
