package org.millgate.erp.port;

import reactor.core.publisher.Mono;

import org.millgate.erp.model.Material;

/**
 * Material master data, cached: it changes rarely and every stock answer needs it.
 */
public interface Materials {

	/**
	 * A material with its units and conversions.
	 * @param id the material number
	 * @return the material; {@link ErpFailure.NotFound} when there is none
	 */
	Mono<Material> material(String id);

}
