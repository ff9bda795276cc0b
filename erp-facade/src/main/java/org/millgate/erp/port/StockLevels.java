package org.millgate.erp.port;

import java.util.Collection;

import reactor.core.publisher.Mono;

import org.millgate.erp.model.Snapshot;
import org.millgate.erp.model.StockPosition;

/**
 * Stock by material, plant, storage location, batch and stock type. Identical reads
 * arriving together share one ERP call; a read is reused for a few seconds, and its
 * {@code asOf} says when it was made.
 */
public interface StockLevels {

	/**
	 * The stock of some materials in a plant, in one ERP call.
	 * @param plant the plant
	 * @param materials the materials
	 * @return every stock position of those materials in that plant
	 */
	Mono<Snapshot<StockPosition>> stock(String plant, Collection<String> materials);

	/**
	 * Every stock position of a plant's storage locations, whatever the material: for
	 * comparing a whole count with the ERP. Read afresh (never shared nor reused), page
	 * by page as the ERP serves it; {@code asOf} is when the read began.
	 * @param plant the plant
	 * @param storageLocations the storage locations
	 * @return the positions
	 */
	Mono<Snapshot<StockPosition>> inStorageLocations(String plant, Collection<String> storageLocations);

}
