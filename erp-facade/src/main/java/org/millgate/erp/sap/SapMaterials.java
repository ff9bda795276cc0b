package org.millgate.erp.sap;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.millgate.erp.model.Material;
import org.millgate.erp.model.MaterialMaster;
import org.millgate.erp.model.MaterialPlant;
import org.millgate.erp.port.Materials;
import org.millgate.erp.resilience.ErpCalls;
import org.millgate.erp.resilience.SharedReads;

/**
 * Material master data from {@code API_PRODUCT_SRV}, cached for the master-data time: the
 * part of a material every stock answer needs (its English description, units and the
 * plants that keep it in batches), read as {@link SapMasterData} reads a material.
 */
final class SapMaterials implements Materials {

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapMasterData masterData;

	private final SharedReads<String, Material> cache;

	SapMaterials(SapHttp http, ErpCalls calls, SapMasterData masterData, SharedReads<String, Material> cache) {
		this.http = http;
		this.calls = calls;
		this.masterData = masterData;
		this.cache = cache;
	}

	@Override
	public Mono<Material> material(String id) {
		return this.cache.get(id,
				() -> this.calls
					.read("material.read",
							() -> this.http.get(SapRelease.PRODUCTS, "A_Product(" + ODataFilter.literal(id) + ")",
									Map.of("$expand", SapMasterData.PRODUCT_EXPAND)))
					.map((answer) -> material(this.masterData.material(answer.entity(), List.of()))));
	}

	private static Material material(MaterialMaster master) {
		return new Material(master.id(), master.descriptions().getOrDefault("en", ""), master.baseUnit(),
				master.conversions(),
				master.plants()
					.stream()
					.filter(MaterialPlant::batchManaged)
					.map(MaterialPlant::plant)
					.collect(Collectors.toSet()));
	}

}
