package org.millgate.erp.shipping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.Shipment;
import org.millgate.erp.model.ShipmentItem;
import org.millgate.erp.model.StockPosition;
import org.millgate.erp.model.StockStatusChange;
import org.millgate.erp.model.StockType;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.StockChanges;
import org.millgate.erp.port.StockLevels;

/**
 * What a shipment's canonical status follows from, whoever asks (the Shipments API, the
 * change feed's shipment events): its plant (the one its shipping point belongs to), the
 * quality release of each item, its processing checks, and its last change. A batch is
 * quality released while none of its stock is in quality inspection, blocked or
 * restricted; an item without a batch is released only when its material is not managed
 * in batches in that plant. Tracking a list costs one stock read per plant for the
 * batches on it, one read of the quality decisions on those batches, and material reads
 * (from the facade's cache) for items without a batch.
 */
public final class ShipmentTracker {

	// Stock a batch holds in any of these is waiting for, or failed, a quality decision.
	private static final Set<StockType> UNRELEASED = EnumSet.of(StockType.QUALITY_INSPECTION, StockType.BLOCKED,
			StockType.RESTRICTED, StockType.GOODS_RECEIPT_BLOCKED, StockType.RETURNS_BLOCKED);

	private static final Comparator<ShipmentItem> ITEM_ORDER = Comparator
		.comparingLong((ShipmentItem item) -> itemNumber(item.item()))
		.thenComparing(ShipmentItem::item);

	private final StockLevels stock;

	private final StockChanges stockChanges;

	private final Materials materials;

	private final ShippingPoints shippingPoints;

	/**
	 * A tracker over the ERP ports.
	 * @param stock the stock port
	 * @param stockChanges the stock status changes port
	 * @param materials the materials port
	 * @param shippingPoints the plant of each shipping point
	 */
	public ShipmentTracker(StockLevels stock, StockChanges stockChanges, Materials materials,
			ShippingPoints shippingPoints) {
		this.stock = stock;
		this.stockChanges = stockChanges;
		this.materials = materials;
		this.shippingPoints = shippingPoints;
	}

	/**
	 * The shipments with what follows from them.
	 * @param shipments the shipments, with their items
	 * @return them tracked, in the same order
	 */
	public Mono<List<TrackedShipment>> track(List<Shipment> shipments) {
		if (shipments.isEmpty()) {
			return Mono.just(List.of());
		}
		Map<String, Set<String>> batchedByPlant = new LinkedHashMap<>();
		Set<String> unbatched = new LinkedHashSet<>();
		LocalDate earliest = null;
		for (Shipment shipment : shipments) {
			for (ShipmentItem item : shipment.items()) {
				if (batch(item) != null) {
					batchedByPlant.computeIfAbsent(plantOf(shipment, item), (plant) -> new LinkedHashSet<>())
						.add(item.material());
					earliest = (earliest == null || shipment.lastChanged().isBefore(earliest)) ? shipment.lastChanged()
							: earliest;
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
			.map(ShipmentTracker::batchKey)
			.collect(LinkedHashSet::new, Set::add);
		// Only a decision after a shipment's own last change can move it.
		Mono<Map<String, LocalDate>> decided = batchedByPlant.isEmpty() ? Mono.just(Map.of())
				: this.stockChanges.statusChanges(batchedByPlant.keySet(), earliest, null).map((changes) -> {
					Map<String, LocalDate> latest = new HashMap<>();
					changes.stream()
						.filter(ShipmentTracker::decidesRelease)
						.forEach((change) -> latest.merge(batchKey(change.batch()), change.postedOn(),
								(one, other) -> one.isAfter(other) ? one : other));
					return latest;
				});
		Mono<Map<String, Set<String>>> batchManaged = Flux.fromIterable(unbatched)
			.flatMap((id) -> this.materials.material(id)
				.map((material) -> Map.entry(material.id(), material.batchManagedIn()))
				.onErrorResume(ErpFailure.NotFound.class, (missing) -> Mono.empty()), 8)
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		return Mono.zip(unreleased, batchManaged, decided).map((erp) -> {
			List<TrackedShipment> tracked = new ArrayList<>();
			for (Shipment shipment : shipments) {
				tracked.add(track(shipment, erp.getT1(), erp.getT2(), erp.getT3()));
			}
			return tracked;
		});
	}

	private TrackedShipment track(Shipment shipment, Set<String> unreleased, Map<String, Set<String>> batchManaged,
			Map<String, LocalDate> decided) {
		List<TrackedShipment.Item> items = new ArrayList<>();
		boolean allReleased = true;
		LocalDate lastChanged = shipment.lastChanged();
		for (ShipmentItem item : shipment.items().stream().sorted(ITEM_ORDER).toList()) {
			String plant = plantOf(shipment, item);
			boolean released;
			if (batch(item) != null) {
				String key = plant + "/" + item.material() + "/" + batch(item);
				released = !unreleased.contains(key);
				lastChanged = latest(lastChanged, decided.get(key));
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
		return new TrackedShipment(shipment, plantOf(shipment), items, checks, lastChanged);
	}

	/**
	 * The plant a shipment ships from: the one its shipping point belongs to.
	 * @param shipment the shipment
	 * @return the plant, or null when its shipping point is not configured
	 */
	public String plantOf(Shipment shipment) {
		return this.shippingPoints.plantOf(shipment.shippingPoint());
	}

	/**
	 * The plant of an item: its own, or its shipment's.
	 * @param shipment the shipment
	 * @param item one of its items
	 * @return the plant
	 */
	public String plantOf(Shipment shipment, ShipmentItem item) {
		return (item.plant() != null && !item.plant().isBlank()) ? item.plant() : plantOf(shipment);
	}

	/**
	 * Whether a stock status change is a quality decision: it moves batch stock between
	 * released and unreleased stock, and so changes the batch's quality release.
	 * @param change the change
	 * @return whether it decides
	 */
	public static boolean decidesRelease(StockStatusChange change) {
		return UNRELEASED.contains(change.from()) != UNRELEASED.contains(change.to());
	}

	private static String batch(ShipmentItem item) {
		return (item.batch() != null && !item.batch().isBlank()) ? item.batch() : null;
	}

	private static String batchKey(StockPosition position) {
		return position.plant() + "/" + position.material() + "/" + position.batch();
	}

	private static String batchKey(MaterialBatch batch) {
		return batch.plant() + "/" + batch.material() + "/" + batch.batch();
	}

	private static LocalDate latest(LocalDate one, LocalDate other) {
		if (one == null) {
			return other;
		}
		return (other != null && other.isAfter(one)) ? other : one;
	}

	private static long itemNumber(String item) {
		try {
			return Long.parseLong(item);
		}
		catch (NumberFormatException ex) {
			return Long.MAX_VALUE;
		}
	}

}
