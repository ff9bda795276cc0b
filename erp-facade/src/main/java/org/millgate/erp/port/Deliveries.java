package org.millgate.erp.port;

import reactor.core.publisher.Mono;

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
	 * A page of shipments, with items when the query asks for them.
	 * @param query which shipments
	 * @return the page
	 */
	Mono<Page<Shipment>> shipments(ShipmentQuery query);

}
