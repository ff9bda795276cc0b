package org.millgate.orders.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import reactor.core.publisher.Mono;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.Material;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.OrderQuery;
import org.millgate.erp.port.ProductionOrders;

/**
 * Reading production orders and their confirmations within the caller's plants. An order
 * of another plant is answered exactly like one that does not exist. One order comes with
 * the description of the material it makes, the material master's own text (not the
 * order's text, which planners may have changed).
 */
public final class OrderQueries {

	// A status filter is applied after the ERP read; this many ERP pages are read at most
	// to fill one page, so that a rare status cannot make one request scan everything.
	private static final int MAX_ERP_PAGES = 20;

	private final ProductionOrders orders;

	private final Confirmations confirmations;

	private final Materials materials;

	public OrderQueries(ProductionOrders orders, Confirmations confirmations, Materials materials) {
		this.orders = orders;
		this.confirmations = confirmations;
		this.materials = materials;
	}

	/**
	 * One order with operations and components, and the description of its material.
	 * @param caller who asks
	 * @param id the order number
	 * @return the order; {@link Rejection} {@code resource.notFound} when it is not
	 * visible
	 */
	public Mono<OrderDetail> order(Caller caller, String id) {
		return visible(caller, this.orders.order(id, true), "production order " + id)
			.flatMap((order) -> this.materials.material(order.material())
				.map(Material::description)
				// a material the master data does not know has no description
				.onErrorResume(ErpFailure.NotFound.class, (missing) -> Mono.just(""))
				.map((description) -> new OrderDetail(order, description.isBlank() ? null : description)));
	}

	/**
	 * An order with the description of the material it makes.
	 *
	 * @param order the order
	 * @param materialDescription the material master's description of its material
	 * (English, as the facade reads it), or null when none is maintained
	 */
	public record OrderDetail(ProductionOrder order, String materialDescription) {

	}

	/**
	 * One order, for checks before a write.
	 */
	Mono<ProductionOrder> orderForWrite(Caller caller, String id, boolean withDetails) {
		return visible(caller, this.orders.order(id, withDetails), "production order " + id);
	}

	/**
	 * A page of orders.
	 * @param caller who asks
	 * @param plant the plant asked for, or null for all of the caller's plants
	 * @param status the canonical status asked for, or null
	 * @param changedSince only orders changed since, or null
	 * @param after the position after which the page starts, or null
	 * @param limit the page size
	 * @return the orders and whether more follow
	 */
	public Mono<OrderPage> orders(Caller caller, String plant, OrderStatus status, Instant changedSince, Position after,
			int limit) {
		Set<String> plants = new TreeSet<>(caller.plants());
		if (plant != null) {
			plants.retainAll(Set.of(plant));
		}
		if (plants.isEmpty()) {
			return Mono.just(new OrderPage(List.of(), null));
		}
		int erpPage = (status == null) ? limit : Math.max(limit, 100);
		return Mono.just(new ErpPage(List.of(), after, true))
			.expand((previous) -> previous.more()
					? this.orders
						.orders(new OrderQuery(plants, changedSince,
								(previous.position() != null) ? previous.position().lastChanged() : null,
								(previous.position() != null) ? previous.position().id() : null, erpPage))
						.map((page) -> new ErpPage(page.items(),
								page.items().isEmpty() ? previous.position()
										: Position.of(page.items().get(page.items().size() - 1)),
								page.more()))
					: Mono.empty())
			.skip(1)
			.take(MAX_ERP_PAGES)
			.concatMapIterable(ErpPage::items)
			.filter((order) -> status == null || OrderStatus.of(order.progress()) == status)
			.take(limit + 1L)
			.collectList()
			.map((found) -> (found.size() > limit)
					? new OrderPage(found.subList(0, limit), Position.of(found.get(limit - 1)))
					: new OrderPage(found, null));
	}

	/**
	 * The confirmations of a visible order, oldest first.
	 * @param caller who asks
	 * @param orderId the order number
	 * @return its confirmations
	 */
	public Mono<OrderConfirmations> confirmations(Caller caller, String orderId) {
		return orderForWrite(caller, orderId, false).flatMap((order) -> this.confirmations.ofOrder(orderId)
			.collectList()
			.map((list) -> new OrderConfirmations(order.plant(), new ArrayList<>(list))));
	}

	/**
	 * The confirmations of an order and the order's plant.
	 *
	 * @param plant the plant
	 * @param confirmations oldest first
	 */
	public record OrderConfirmations(String plant, List<Confirmation> confirmations) {

	}

	private static Mono<ProductionOrder> visible(Caller caller, Mono<ProductionOrder> read, String what) {
		return read.onErrorMap(ErpFailure.NotFound.class, (missing) -> Rejection.notFound(what))
			.filter((order) -> caller.sees(order.plant()))
			.switchIfEmpty(Mono.error(() -> Rejection.notFound(what)));
	}

	/**
	 * Where a page ends: the last order's change time and id.
	 *
	 * @param lastChanged the last change of the last order
	 * @param id its id
	 */
	public record Position(Instant lastChanged, String id) {

		static Position of(ProductionOrder order) {
			return new Position(order.lastChanged(), order.id());
		}

	}

	/**
	 * A page of orders.
	 *
	 * @param orders the orders
	 * @param next the position after the last one when more follow, else null
	 */
	public record OrderPage(List<ProductionOrder> orders, Position next) {

	}

	private record ErpPage(List<ProductionOrder> items, Position position, boolean more) {

	}

}
