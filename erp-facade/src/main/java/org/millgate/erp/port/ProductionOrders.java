package org.millgate.erp.port;

import reactor.core.publisher.Mono;

import org.millgate.erp.model.ProductionOrder;

/**
 * Production orders in the ERP.
 */
public interface ProductionOrders {

	/**
	 * One order.
	 * @param id the order number
	 * @param withDetails whether to load operations and components too
	 * @return the order; {@link ErpFailure.NotFound} when there is none
	 */
	Mono<ProductionOrder> order(String id, boolean withDetails);

	/**
	 * A page of orders, without details.
	 * @param query which orders
	 * @return the page
	 */
	Mono<Page<ProductionOrder>> orders(OrderQuery query);

	/**
	 * Releases an order for production.
	 * @param id the order number
	 * @return completion; {@link ErpFailure.Rejected} when the ERP refuses
	 */
	Mono<Void> release(String id);

}
