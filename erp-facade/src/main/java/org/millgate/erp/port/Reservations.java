package org.millgate.erp.port;

import java.util.Collection;

import reactor.core.publisher.Mono;

import org.millgate.erp.model.MaterialRequirement;
import org.millgate.erp.model.Snapshot;

/**
 * Reservations of stock: production order components and other reservations.
 */
public interface Reservations {

	/**
	 * The reservations of some materials in a plant that are not finally issued.
	 * @param plant the plant
	 * @param materials the materials
	 * @return the open reservation items
	 */
	Mono<Snapshot<MaterialRequirement>> open(String plant, Collection<String> materials);

}
