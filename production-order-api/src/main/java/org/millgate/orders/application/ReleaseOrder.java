package org.millgate.orders.application;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.port.ProductionOrders;

/**
 * Releasing a production order: only a CREATED order of one of the caller's plants.
 */
public final class ReleaseOrder {

	private final OrderQueries queries;

	private final ProductionOrders orders;

	private final Clock clock;

	public ReleaseOrder(OrderQueries queries, ProductionOrders orders, Clock clock) {
		this.queries = queries;
		this.orders = orders;
		this.clock = clock;
	}

	/**
	 * Releases an order.
	 * @param caller who asks
	 * @param id the order number
	 * @return when it was released
	 */
	public Mono<Instant> release(Caller caller, String id) {
		return this.queries.orderForWrite(caller, id, false).flatMap((order) -> {
			OrderStatus status = OrderStatus.of(order.progress());
			if (status != OrderStatus.CREATED || order.progress().markedForDeletion() || order.progress().locked()) {
				return Mono.error(new Rejection("order.notReleasable",
						"Production order " + id + " is " + status + (order.progress().locked() ? " and locked" : "")
								+ (order.progress().markedForDeletion() ? " and flagged for deletion" : "")
								+ "; only a CREATED order can be released."));
			}
			return this.orders.release(id).then(Mono.fromSupplier(this.clock::instant));
		});
	}

}
