package org.millgate.shipments.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.Shipment;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.ShipmentQuery;
import org.millgate.erp.port.StockChanges;
import org.millgate.erp.port.StockLevels;
import org.millgate.erp.shipping.ShipmentStatus;
import org.millgate.erp.shipping.ShipmentTracker;
import org.millgate.erp.shipping.ShippingPoints;
import org.millgate.erp.shipping.TrackedShipment;

/**
 * Shipments within a caller's reach, each with its plant, quality release, checks,
 * canonical status and last change (erp-facade's {@link ShipmentTracker}, which the
 * change feed's shipment events use too). A page of shipments costs two delivery reads
 * (the changed and the never changed deliveries), one stock read per plant for the
 * batches on it, one read of the quality decisions on those batches, and material reads
 * from the facade's cache for items without a batch; a page that starts after a position
 * or a day also reads the quality decisions since then and the deliveries carrying their
 * batches.
 *
 * <p>
 * Reach: a token with a {@code plants} claim sees the shipments of those plants (a
 * shipment's plant is the one its shipping point belongs to); a partner token sees the
 * shipments to the ship-to parties registered for its partner. Anything else is answered
 * as if it did not exist.
 *
 * <p>
 * Last change: a quality decision on a batch (its stock released from, or put back into,
 * quality inspection or blocked stock) changes the shipment's quality release and status
 * without changing the delivery in the ERP, so a shipment's last change is the later of
 * the delivery's own and the last such decision on its batches. Lists are ordered and
 * paged by that day and the shipment number.
 */
public final class ShipmentTracking {

	private static final Comparator<TrackedShipment> ORDER = Comparator.comparing(TrackedShipment::lastChanged)
		.thenComparing((tracked) -> tracked.shipment().id());

	/** ERP pages one page of a status-filtered list may read. */
	static final int MAX_READS = 5;

	/** Shipments one ERP read of a status-filtered list asks for, at least. */
	static final int STATUS_READ_SIZE = 50;

	private final Deliveries deliveries;

	private final StockChanges stockChanges;

	private final ShippingPoints shippingPoints;

	private final ShipmentTracker tracker;

	private final Function<String, Set<String>> shipTosOfPartner;

	/**
	 * Shipment tracking over the ERP ports.
	 * @param deliveries the deliveries port
	 * @param stock the stock port
	 * @param stockChanges the stock status changes port
	 * @param materials the materials port
	 * @param shippingPoints the plant of each shipping point
	 * @param shipTosOfPartner the ship-to parties registered for a partner, empty for an
	 * unknown one
	 */
	public ShipmentTracking(Deliveries deliveries, StockLevels stock, StockChanges stockChanges, Materials materials,
			ShippingPoints shippingPoints, Function<String, Set<String>> shipTosOfPartner) {
		this.deliveries = deliveries;
		this.stockChanges = stockChanges;
		this.shippingPoints = shippingPoints;
		this.tracker = new ShipmentTracker(stock, stockChanges, materials, shippingPoints);
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
			.flatMap((shipment) -> this.tracker.track(List.of(shipment)))
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
		Set<String> points = (plants != null) ? this.shippingPoints.of(plants) : Set.of();
		if ((plants != null && points.isEmpty()) || (shipTos != null && shipTos.isEmpty())) {
			return Mono.just(new ShipmentList(List.of(), null));
		}
		Reach reach = new Reach(plants, points, (shipTos != null) ? shipTos : Set.of(),
				changedOnOrAfter(filter.changedSince()));
		return collect(reach, filter.status(), after, limit, List.of(), 1);
	}

	// Reads windows of shipments in order until `limit` of them match, the ERP has no
	// more, or the reads run out; the next position is the last shipment looked at.
	private Mono<ShipmentList> collect(Reach reach, ShipmentStatus status, Position after, int limit,
			List<TrackedShipment> found, int read) {
		int size = (status != null) ? Math.max(limit, STATUS_READ_SIZE) : limit;
		return window(reach, after, size).flatMap((window) -> {
			List<TrackedShipment> matching = new ArrayList<>(found);
			List<TrackedShipment> items = window.items();
			for (int i = 0; i < items.size(); i++) {
				TrackedShipment shipment = items.get(i);
				if (status == null || shipment.status() == status) {
					matching.add(shipment);
					if (matching.size() == limit) {
						boolean more = i < items.size() - 1 || window.next() != null;
						return Mono.just(new ShipmentList(matching, more ? Position.of(shipment) : null));
					}
				}
			}
			if (window.next() == null) {
				return Mono.just(new ShipmentList(matching, null));
			}
			if (read >= MAX_READS) {
				return Mono.just(new ShipmentList(matching, window.next()));
			}
			return collect(reach, status, window.next(), limit, matching, read + 1);
		});
	}

	/**
	 * The next shipments after a position, at most {@code size}, by last change and
	 * number. The ERP lists deliveries by their own change day; a quality decision can
	 * move a shipment later. So the window takes the ERP's next {@code size} deliveries,
	 * and up to the last of them (the horizon: every delivery the ERP lists after it
	 * changed later still) also the deliveries changed before the window's start whose
	 * batches were decided on since; it emits, in order, what lies after the start and up
	 * to the horizon, and continues from the horizon when that is fewer than
	 * {@code size}.
	 */
	private Mono<Window> window(Reach reach, Position after, int size) {
		ShipmentQuery query = new ShipmentQuery(reach.shippingPoints(), reach.shipTos(), reach.changedSince(),
				(after != null) ? after.lastChanged() : null, (after != null) ? after.id() : null, size, true);
		return this.deliveries.shipments(query).flatMap((page) -> {
			Position horizon = page.more() ? Position.of(page.items().get(page.items().size() - 1)) : null;
			LocalDate start = latest(reach.changedSince(), (after != null) ? after.lastChanged() : null);
			Mono<List<Shipment>> moved = (start != null) ? decidedSince(reach, start, horizon) : Mono.just(List.of());
			return moved.flatMap((decided) -> {
				Map<String, Shipment> candidates = new LinkedHashMap<>();
				for (Shipment shipment : page.items()) {
					candidates.put(shipment.id(), shipment);
				}
				for (Shipment shipment : decided) {
					candidates.putIfAbsent(shipment.id(), shipment);
				}
				List<Shipment> visible = candidates.values()
					.stream()
					.filter((shipment) -> inReach(reach, shipment))
					.toList();
				return this.tracker.track(visible).map((tracked) -> {
					List<TrackedShipment> inWindow = tracked.stream()
						.filter((shipment) -> after == null || after.isBefore(shipment))
						.filter((shipment) -> reach.changedSince() == null
								|| !shipment.lastChanged().isBefore(reach.changedSince()))
						.filter((shipment) -> horizon == null || !horizon.isBefore(shipment))
						.sorted(ORDER)
						.toList();
					if (inWindow.size() > size) {
						List<TrackedShipment> items = inWindow.subList(0, size);
						return new Window(items, Position.of(items.get(size - 1)));
					}
					return new Window(inWindow, horizon);
				});
			});
		});
	}

	// The shipments in reach carrying a batch whose quality decision from `start` on (up
	// to the horizon's day) may have moved their last change into the window.
	private Mono<List<Shipment>> decidedSince(Reach reach, LocalDate start, Position horizon) {
		return this.stockChanges
			.statusChanges((reach.plants() != null) ? reach.plants() : Set.of(), start,
					(horizon != null) ? horizon.lastChanged() : null)
			.flatMap((changes) -> {
				Set<MaterialBatch> batches = new LinkedHashSet<>();
				changes.stream()
					.filter(ShipmentTracker::decidesRelease)
					.forEach((change) -> batches.add(change.batch()));
				return batches.isEmpty() ? Mono.just(List.<Shipment>of())
						: this.deliveries.shipmentsWithBatches(reach.shippingPoints(), reach.shipTos(), batches);
			});
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
		String plant = this.tracker.plantOf(shipment);
		Set<String> plants = plantLimit(caller);
		if (plant == null || (plants != null && !plants.contains(plant))) {
			return false;
		}
		return caller.partnerId() == null
				|| this.shipTosOfPartner.apply(caller.partnerId()).contains(shipment.shipTo());
	}

	// The ERP read is narrowed to the reach's shipping points and ship-to parties; a
	// shipping point of no configured plant is in no one's reach.
	private boolean inReach(Reach reach, Shipment shipment) {
		String plant = this.tracker.plantOf(shipment);
		return plant != null && (reach.plants() == null || reach.plants().contains(plant))
				&& (reach.shipTos().isEmpty() || reach.shipTos().contains(shipment.shipTo()));
	}

	private static LocalDate latest(LocalDate one, LocalDate other) {
		if (one == null) {
			return other;
		}
		return (other != null && other.isAfter(one)) ? other : one;
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

		static Position of(TrackedShipment shipment) {
			return new Position(shipment.lastChanged(), shipment.shipment().id());
		}

		// the ERP's own order: a delivery's last change (its creation when never
		// changed), then its number
		static Position of(Shipment shipment) {
			return new Position(shipment.lastChanged(), shipment.id());
		}

		boolean isBefore(TrackedShipment shipment) {
			int day = this.lastChanged.compareTo(shipment.lastChanged());
			return day < 0 || (day == 0 && this.id.compareTo(shipment.shipment().id()) < 0);
		}

	}

	// Which shipments the caller may see and asked for, in ERP terms: plants (null for
	// any) and their shipping points, ship-to parties (empty for any), the first day.
	private record Reach(Set<String> plants, Set<String> shippingPoints, Set<String> shipTos, LocalDate changedSince) {

	}

	// Shipments in order, and where the next window starts (null when none follows).
	private record Window(List<TrackedShipment> items, Position next) {

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
