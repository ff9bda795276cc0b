package org.millgate.erp.port;

import java.time.LocalDate;
import reactor.core.publisher.Mono;

import org.millgate.erp.model.BillOfMaterial;
import org.millgate.erp.model.BomUsage;
import org.millgate.erp.model.MaterialMaster;
import org.millgate.erp.model.Plant;
import org.millgate.erp.model.Snapshot;
import org.millgate.erp.model.StorageLocation;
import org.millgate.erp.model.UnitDefinition;

/**
 * Master data: materials, bills of materials, plants, storage locations and units. Reads
 * of one thing are shared while in flight and reused for the master-data cache time,
 * since master data changes rarely.
 */
public interface MasterData {

	/**
	 * A material with its plants and their storage locations.
	 * @param id the material number
	 * @return the material; {@link ErpFailure.NotFound} when there is none
	 */
	Mono<MaterialMaster> material(String id);

	/**
	 * One page of materials, for synchronisation; never cached.
	 * @param query which materials
	 * @return the page
	 */
	Mono<MaterialPage> materials(MaterialQuery query);

	/**
	 * A material's bill of materials in a plant, valid on a day.
	 * @param material the material
	 * @param plant the plant
	 * @param usage what it is for
	 * @param validOn the day
	 * @return the BOM with the items valid that day; empty when none is valid that day
	 */
	Mono<BillOfMaterial> billOfMaterial(String material, String plant, BomUsage usage, LocalDate validOn);

	/**
	 * Every plant of the ERP.
	 * @return the plants, in order
	 */
	Mono<Snapshot<Plant>> plants();

	/**
	 * The storage locations of a plant.
	 * @param plant the plant
	 * @return its storage locations, in order; none for an unknown plant
	 */
	Mono<Snapshot<StorageLocation>> storageLocations(String plant);

	/**
	 * The units of measure the ERP knows, with the decimals a quantity in each may have.
	 * @return the units, in order of their code
	 */
	Mono<Snapshot<UnitDefinition>> units();

}
