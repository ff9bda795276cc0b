package org.millgate.erp.port;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.Shipment;

/**
 * Outbound deliveries.
 */
public interface Deliveries {

	/**
	 * One shipment.
	 * @param id the delivery number
	 * @param withItems whether to load its items
	 * @return the shipment; {@link ErpFailure.NotFound} when there is none
	 */
	Mono<Shipment> shipment(String id, boolean withItems);

	/**
	 * A page of shipments, with items when the query asks for them, ordered by
	 * {@link Shipment#lastChanged()} (the creation day of a shipment never changed) and
	 * id: a key no shipment lacks.
	 * @param query which shipments
	 * @return the page
	 */
	Mono<Page<Shipment>> shipments(ShipmentQuery query);

	/**
	 * The shipments, with their items, whose items carry any of some batches.
	 * @param shippingPoints only shipments from these shipping points, or all when empty
	 * @param shipTos only shipments to these parties, or all when empty
	 * @param batches the batches
	 * @return the shipments, in no particular order; empty for no batches
	 */
	Mono<List<Shipment>> shipmentsWithBatches(Set<String> shippingPoints, Set<String> shipTos,
			Collection<MaterialBatch> batches);

}
