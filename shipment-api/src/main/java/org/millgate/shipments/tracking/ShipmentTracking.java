package org.millgate.shipments.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.Shipment;
import org.millgate.erp.model.ShipmentItem;
import org.millgate.erp.model.StockPosition;
import org.millgate.erp.model.StockType;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.ShipmentQuery;
import org.millgate.erp.port.StockLevels;

/**
 * Shipments within a caller's reach, each with its quality release, checks and canonical
 * status. A page of shipments costs one delivery read (items included), one stock read
 * per plant for the batches on it, and material reads from the facade's cache for items
 * without a batch.
 *
 * <p>
 * Reach: a token with a {@code plants} claim sees the shipments of those plants; a
 * partner token sees the shipments to the ship-to parties registered for its partner.
 * Anything else is answered as if it did not exist.
 */
public final class ShipmentTracking {

	// Stock a batch holds in any of these is waiting for, or failed, a quality decision.
	private static final Set<StockType> UNRELEASED = EnumSet.of(StockType.QUALITY_INSPECTION, StockType.BLOCKED,
			StockType.RESTRICTED, StockType.GOODS_RECEIPT_BLOCKED, StockType.RETURNS_BLOCKED);

	private static final Comparator<ShipmentItem> ITEM_ORDER = Comparator
		.comparingLong((ShipmentItem item) -> itemNumber(item.item()))
		.thenComparing(ShipmentItem::item);

	/** ERP pages one page of a status-filtered list may read. */
	static final int MAX_READS = 5;

	/** Shipments one ERP read of a status-filtered list asks for, at least. */
	static final int STATUS_READ_SIZE = 50;

	private final Deliveries deliveries;

	private final StockLevels stock;

	private final Materials materials;

	private final Function<String, Set<String>> shipTosOfPartner;

	/**
	 * Shipment tracking over the ERP ports.
	 * @param deliveries the deliveries port
	 * @param stock the stock port
	 * @param materials the materials port
	 * @param shipTosOfPartner the ship-to parties registered for a partner, empty for an
	 * unknown one
	 */
	public ShipmentTracking(Deliveries deliveries, StockLevels stock, Materials materials,
			Function<String, Set<String>> shipTosOfPartner) {
		this.deliveries = deliveries;
		this.stock = stock;
		this.materials = materials;
		this.shipTosOfPartner = shipTosOfPartner;
	}

	/**
	 * One shipment within the caller's reach.
	 * @param caller who asks
	 * @param id the shipment number
	 * @return the shipment; {@link Rejection} {@code resource.notFound} when there is
	 * none or it is outside the caller's reach
	 */
	public Mono<TrackedShipment> shipment(Caller caller, String id) {
		return this.deliveries.shipment(id, true)
			.onErrorMap(ErpFailure.NotFound.class, (missing) -> notFound(id))
			.filter((shipment) -> reaches(caller, shipment))
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((shipment) -> track(List.of(shipment)))
			.map((tracked) -> tracked.get(0));
	}

	/**
	 * A page of shipments within the caller's reach, ordered by last change and number.
	 * The status filter applies to the derived status, so more ERP pages are read (at
	 * most {@value #MAX_READS}) until the page is full; when matches are rare a page may
	 * still hold fewer than {@code limit} shipments while more follow.
	 * @param caller who asks
	 * @param filter which shipments
	 * @param after continue after this position, or null for the first page
	 * @param limit the page size
	 * @return the page
	 */
	public Mono<ShipmentList> shipments(Caller caller, Filter filter, Position after, int limit) {
		Set<String> plants = narrow(plantLimit(caller), filter.plant());
		Set<String> shipTos = narrow(
				(caller.partnerId() != null) ? this.shipTosOfPartner.apply(caller.partnerId()) : null, filter.shipTo());
		if ((plants != null && plants.isEmpty()) || (shipTos != null && shipTos.isEmpty())) {
			return Mono.just(new ShipmentList(List.of(), null));
		}
		Reach reach = new Reach((plants != null) ? plants : Set.of(), (shipTos != null) ? shipTos : Set.of(),
				changedOnOrAfter(filter.changedSince()));
		return collect(reach, filter.status(), after, limit, List.of(), 1);
	}

	// Reads ERP pages in order until `limit` shipments match, the ERP has no more, or the
	// reads run out; the next position is the last shipment looked at.
	private Mono<ShipmentList> collect(Reach reach, ShipmentStatus status, Position after, int limit,
			List<TrackedShipment> found, int read) {
		ShipmentQuery query = new ShipmentQuery(reach.shippingPoints(), reach.shipTos(), reach.changedSince(),
				(after != null) ? after.lastChanged() : null, (after != null) ? after.id() : null,
				(status != null) ? Math.max(limit, STATUS_READ_SIZE) : limit, true);
		return this.deliveries.shipments(query).flatMap((page) -> track(page.items()).flatMap((tracked) -> {
			List<TrackedShipment> matching = new ArrayList<>(found);
			Position last = after;
			for (int i = 0; i < tracked.size(); i++) {
				TrackedShipment shipment = tracked.get(i);
				last = Position.after(shipment.shipment());
				if (status == null || shipment.status() == status) {
					matching.add(shipment);
					if (matching.size() == limit) {
						boolean more = i < tracked.size() - 1 || page.more();
						return Mono.just(new ShipmentList(matching, more ? last : null));
					}
				}
			}
			if (!page.more() || tracked.isEmpty()) {
				return Mono.just(new ShipmentList(matching, null));
			}
			if (read >= MAX_READS) {
				return Mono.just(new ShipmentList(matching, last));
			}
			return collect(reach, status, last, limit, matching, read + 1);
		}));
	}

	/**
	 * The first day whose shipments all changed at or after a moment: the ERP keeps the
	 * day of the last change, shown as its start (UTC), so a moment after midnight starts
	 * at the next day.
	 * @param moment the moment, or null
	 * @return the day, or null
	 */
	static LocalDate changedOnOrAfter(Instant moment) {
		if (moment == null) {
			return null;
		}
		LocalDate day = LocalDate.ofInstant(moment, ZoneOffset.UTC);
		return day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(moment) ? day : day.plusDays(1);
	}

	// Null means no limit; a filter outside the limit leaves nothing.
	private static Set<String> narrow(Set<String> reach, String wanted) {
		if (wanted == null) {
			return reach;
		}
		return (reach == null || reach.contains(wanted)) ? Set.of(wanted) : Set.of();
	}

	// A partner token without a plants claim is limited by its partner's ship-to parties
	// alone; every other token sees the plants it lists, none when it lists none.
	private static Set<String> plantLimit(Caller caller) {
		return caller.reachedThroughPartnerOnly() ? null : caller.plants();
	}

	private boolean reaches(Caller caller, Shipment shipment) {
		Set<String> plants = plantLimit(caller);
		if (plants != null && !plants.contains(plantOf(shipment))) {
			return false;
		}
		return caller.partnerId() == null
				|| this.shipTosOfPartner.apply(caller.partnerId()).contains(shipment.shipTo());
	}

	private Mono<List<TrackedShipment>> track(List<Shipment> shipments) {
		Map<String, Set<String>> batchedByPlant = new LinkedHashMap<>();
		Set<String> unbatched = new LinkedHashSet<>();
		for (Shipment shipment : shipments) {
			for (ShipmentItem item : shipment.items()) {
				if (batch(item) != null) {
					batchedByPlant.computeIfAbsent(plantOf(shipment, item), (plant) -> new LinkedHashSet<>())
						.add(item.material());
				}
				else {
					unbatched.add(item.material());
				}
			}
		}
		Mono<Set<String>> unreleased = Flux.fromIterable(batchedByPlant.entrySet())
			.flatMap((entry) -> this.stock.stock(entry.getKey(), entry.getValue()), 4)
			.flatMapIterable((snapshot) -> snapshot.items())
			.filter((position) -> position.batch() != null && UNRELEASED.contains(position.type())
					&& position.quantity().value().signum() > 0)
			.map(ShipmentTracking::batchKey)
			.collect(LinkedHashSet::new, Set::add);
		Mono<Map<String, Set<String>>> batchManaged = Flux.fromIterable(unbatched)
			.flatMap((id) -> this.materials.material(id)
				.map((material) -> Map.entry(material.id(), material.batchManagedIn()))
				.onErrorResume(ErpFailure.NotFound.class, (missing) -> Mono.empty()), 8)
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		return Mono.zip(unreleased, batchManaged).map((erp) -> {
			List<TrackedShipment> tracked = new ArrayList<>();
			for (Shipment shipment : shipments) {
				tracked.add(track(shipment, erp.getT1(), erp.getT2()));
			}
			return tracked;
		});
	}

	private static TrackedShipment track(Shipment shipment, Set<String> unreleased,
			Map<String, Set<String>> batchManaged) {
		List<TrackedShipment.Item> items = new ArrayList<>();
		boolean allReleased = true;
		for (ShipmentItem item : shipment.items().stream().sorted(ITEM_ORDER).toList()) {
			String plant = plantOf(shipment, item);
			boolean released;
			if (batch(item) != null) {
				released = !unreleased.contains(plant + "/" + item.material() + "/" + batch(item));
			}
			else {
				// No batch: released only when the material is not managed in batches
				// there. A material the ERP does not know counts as not released.
				Set<String> plants = batchManaged.get(item.material());
				released = plants != null && !plants.contains(plant);
			}
			allReleased &= released;
			items.add(new TrackedShipment.Item(item, released));
		}
		Checks checks = new Checks(Step.of(shipment.picking()), Step.of(shipment.packing()),
				Step.of(shipment.goodsMovement()), Step.of(shipment.proofOfDelivery()), allReleased,
				shipment.blocked());
		return new TrackedShipment(shipment, plantOf(shipment), items, checks);
	}

	/**
	 * The plant a shipment ships from: its shipping point, which the ERP names after the
	 * plant.
	 * @param shipment the shipment
	 * @return the plant
	 */
	static String plantOf(Shipment shipment) {
		return shipment.shippingPoint();
	}

	private static String plantOf(Shipment shipment, ShipmentItem item) {
		return (item.plant() != null && !item.plant().isBlank()) ? item.plant() : plantOf(shipment);
	}

	private static String batch(ShipmentItem item) {
		return (item.batch() != null && !item.batch().isBlank()) ? item.batch() : null;
	}

	private static String batchKey(StockPosition position) {
		return position.plant() + "/" + position.material() + "/" + position.batch();
	}

	private static long itemNumber(String item) {
		try {
			return Long.parseLong(item);
		}
		catch (NumberFormatException ex) {
			return Long.MAX_VALUE;
		}
	}

	private static Rejection notFound(String id) {
		return new Rejection("resource.notFound", "There is no shipment " + id + " visible to the caller.");
	}

	/**
	 * Which shipments to list; every part may be null.
	 *
	 * @param plant only this plant
	 * @param shipTo only this ship-to party
	 * @param status only this derived status
	 * @param changedSince only shipments changed at or after this moment
	 */
	public record Filter(String plant, String shipTo, ShipmentStatus status, Instant changedSince) {

	}

	/**
	 * Where a page ends: the last change day and number of its last shipment.
	 *
	 * @param lastChanged the day
	 * @param id the number
	 */
	public record Position(LocalDate lastChanged, String id) {

		static Position after(Shipment shipment) {
			return new Position(shipment.lastChanged(), shipment.id());
		}

	}

	// Which shipments the caller may see and asked for, in ERP terms.
	private record Reach(Set<String> shippingPoints, Set<String> shipTos, LocalDate changedSince) {

	}

	/**
	 * A page of shipments.
	 *
	 * @param items the shipments
	 * @param next where the next page starts, or null on the last page
	 */
	public record ShipmentList(List<TrackedShipment> items, Position next) {

		public ShipmentList {
			items = List.copyOf(items);
		}

	}

}
