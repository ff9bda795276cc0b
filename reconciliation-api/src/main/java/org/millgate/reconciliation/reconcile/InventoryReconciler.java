package org.millgate.reconciliation.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.millgate.erp.model.GoodsMovement;
import org.millgate.erp.model.Material;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.Snapshot;
import org.millgate.erp.model.StockPosition;
import org.millgate.erp.model.StockType;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.GoodsMovements;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.StockLevels;

/**
 * Compares the WMS's stock counts with the ERP's stock at the time of each count, per
 * material, storage location, batch and stock status.
 * <p>
 * For each storage location the latest count is compared (within the window; for storage
 * locations of open mismatches, the latest at all). The ERP's stock of those storage
 * locations is read once, then every goods movement the ERP booked between a storage
 * location's count and that read is taken back out of it (a receipt subtracted, an issue
 * added back), so that both sides stand at the moment of the count; the movements are the
 * mismatch's {@code inFlight} evidence. Per material, storage location and batch:
 * <ul>
 * <li>the WMS counted stock, the ERP books none: {@code STOCK_MISSING_IN_ERP} per stock
 * status counted;</li>
 * <li>the ERP books stock, the WMS counted none: {@code STOCK_MISSING_IN_WMS} per stock
 * status booked;</li>
 * <li>the same total, split differently over the stock statuses: one
 * {@code STOCK_STATUS};</li>
 * <li>otherwise {@code STOCK_QUANTITY} per stock status whose quantities differ.</li>
 * </ul>
 * Special stock (consignment and the like) is not the plant's own and is left out.
 * Quantities are compared in the material's base unit.
 */
final class InventoryReconciler {

	private static final int DOCUMENTS = 200;

	private static final List<String> STATUSES = List.of("ON_HAND", "QUALITY_HOLD", "BLOCKED", "IN_TRANSIT");

	private final ReconciliationStore store;

	private final StockLevels stock;

	private final GoodsMovements movements;

	private final Materials materials;

	private final Tolerances tolerances;

	private final ZoneId erpZone;

	InventoryReconciler(ReconciliationStore store, StockLevels stock, GoodsMovements movements, Materials materials,
			Tolerances tolerances, ZoneId erpZone) {
		this.store = store;
		this.stock = stock;
		this.movements = movements;
		this.materials = materials;
		this.tolerances = tolerances;
		this.erpZone = erpZone;
	}

	Outcome reconcile(Run run, List<Mismatch> open, RunCalls erp) {
		String plant = run.plant();
		Set<String> recheck = new LinkedHashSet<>();
		open.forEach((mismatch) -> recheck.add(mismatch.subject().storageLocation()));
		List<StockCount> counts = this.store.latestCounts(plant, run.from(), run.to(), recheck);
		if (counts.isEmpty()) {
			return new Outcome(List.of(), 0, 0);
		}
		// which count stands for each storage location
		Map<String, StockCount> countOf = new TreeMap<>();
		for (StockCount count : counts) {
			count.positions().forEach((position) -> countOf.put(position.storageLocation(), count));
		}
		Snapshot<StockPosition> snapshot = erp.call(this.stock.inStorageLocations(plant, countOf.keySet()));
		Instant readAt = snapshot.asOf();
		Map<Key, Map<String, BigDecimal>> erpStock = new LinkedHashMap<>();
		Map<String, UnitOfMeasure> baseUnits = new HashMap<>();
		int erpPositions = 0;
		for (StockPosition position : snapshot.items()) {
			if (position.special() || position.storageLocation() == null
					|| !countOf.containsKey(position.storageLocation())) {
				continue;
			}
			erpPositions++;
			baseUnits.putIfAbsent(position.material(), position.quantity().unit());
			erpStock
				.computeIfAbsent(Key.of(position.material(), position.storageLocation(), position.batch()),
						(k) -> new TreeMap<>())
				.merge(status(position.type()), position.quantity().value(), BigDecimal::add);
		}
		// the movements booked between the counts and the read, taken back out
		Instant earliest = counts.stream().map(StockCount::countedAt).min(Instant::compareTo).orElseThrow();
		Map<Key, List<Map<String, Object>>> inFlight = new HashMap<>();
		for (GoodsMovement movement : movementsSince(earliest, erp)) {
			if (!plant.equals(movement.batch().plant()) || movement.enteredAt() == null) {
				continue;
			}
			Instant entered = movement.enteredAt().atZone(this.erpZone).toInstant();
			if (!entered.isBefore(readAt)) {
				continue;
			}
			String batch = movement.batch().batch().isEmpty() ? null : movement.batch().batch();
			BigDecimal quantity = movement.quantity().value();
			if (movement.from() != null && movement.storageLocation() != null) {
				takeBack(movement, Key.of(movement.batch().material(), movement.storageLocation(), batch),
						status(movement.from()), quantity, entered, "REMOVED", countOf, erpStock, inFlight);
			}
			if (movement.to() != null) {
				String location = (movement.receivingStorageLocation() != null) ? movement.receivingStorageLocation()
						: movement.storageLocation();
				if (location != null) {
					takeBack(movement, Key.of(movement.batch().material(), location, batch), status(movement.to()),
							quantity.negate(), entered, "ADDED", countOf, erpStock, inFlight);
				}
			}
			baseUnits.putIfAbsent(movement.batch().material(), movement.quantity().unit());
		}
		// what the WMS counted, in the base unit
		Map<Key, Map<String, BigDecimal>> wmsStock = new LinkedHashMap<>();
		Map<String, Optional<Material>> materialCache = new HashMap<>();
		int reported = 0;
		for (Map.Entry<String, StockCount> entry : countOf.entrySet()) {
			for (CountPosition position : entry.getValue().positions()) {
				if (!position.storageLocation().equals(entry.getKey())) {
					continue;
				}
				reported++;
				BigDecimal quantity = inBaseUnit(position, baseUnits, materialCache, erp);
				wmsStock
					.computeIfAbsent(Key.of(position.material(), position.storageLocation(), position.batch()),
							(k) -> new TreeMap<>())
					.merge(position.stockStatus(), quantity, BigDecimal::add);
				baseUnits.putIfAbsent(position.material(), UnitOfMeasure.of(position.unit()));
			}
		}
		Set<Key> keys = new LinkedHashSet<>(wmsStock.keySet());
		keys.addAll(erpStock.keySet());
		List<Finding> findings = new ArrayList<>();
		for (Key key : keys) {
			StockCount count = countOf.get(key.storageLocation());
			String unit = baseUnits.get(key.material()).code();
			Map<String, BigDecimal> erpSide = erpStock.getOrDefault(key, Map.of());
			Map<String, BigDecimal> wmsSide = wmsStock.getOrDefault(key, Map.of());
			BigDecimal erpTotal = sum(erpSide);
			BigDecimal wmsTotal = sum(wmsSide);
			List<Map<String, Object>> moved = inFlight.getOrDefault(key, List.of());
			if (erpTotal.signum() == 0 && wmsTotal.signum() > 0) {
				for (String status : STATUSES) {
					BigDecimal counted = wmsSide.getOrDefault(status, BigDecimal.ZERO);
					if (counted.signum() > 0) {
						findings.add(finding(MismatchKind.STOCK_MISSING_IN_ERP, plant, key, status, null, counted, unit,
								count, readAt, moved));
					}
				}
			}
			else if (wmsTotal.signum() == 0 && erpTotal.signum() > 0) {
				for (String status : STATUSES) {
					BigDecimal booked = erpSide.getOrDefault(status, BigDecimal.ZERO);
					if (booked.signum() > 0) {
						findings.add(finding(MismatchKind.STOCK_MISSING_IN_WMS, plant, key, status, booked, null, unit,
								count, readAt, moved));
					}
				}
			}
			else if (this.tolerances.equal(plant, erpTotal, wmsTotal)) {
				boolean split = STATUSES.stream()
					.anyMatch((status) -> !this.tolerances.equal(plant, erpSide.getOrDefault(status, BigDecimal.ZERO),
							wmsSide.getOrDefault(status, BigDecimal.ZERO)));
				if (split) {
					Map<String, Object> erpValue = Evidence.value("byStockStatus", byStatus(erpSide, unit));
					Map<String, Object> wmsValue = Evidence.value("byStockStatus", byStatus(wmsSide, unit));
					findings.add(new Finding(MismatchKind.STOCK_STATUS, plant,
							Subject.stock(key.material(), key.storageLocation(), key.batch(), null),
							Evidence.of(Evidence.erp(erpValue, readAt), Evidence.reported("WMS", count.reporter(),
									count.countId(), wmsValue, count.countedAt()), moved)));
				}
			}
			else {
				for (String status : STATUSES) {
					BigDecimal booked = erpSide.getOrDefault(status, BigDecimal.ZERO);
					BigDecimal counted = wmsSide.getOrDefault(status, BigDecimal.ZERO);
					if (!this.tolerances.equal(plant, booked, counted)) {
						findings.add(finding(MismatchKind.STOCK_QUANTITY, plant, key, status, booked, counted, unit,
								count, readAt, moved));
					}
				}
			}
		}
		return new Outcome(findings, erpPositions, reported);
	}

	private List<GoodsMovement> movementsSince(Instant earliest, RunCalls erp) {
		LocalDate day = earliest.atZone(this.erpZone).toLocalDate();
		List<GoodsMovement> all = new ArrayList<>();
		String year = null;
		String document = null;
		while (true) {
			GoodsMovements.Batch batch = erp.call(this.movements.enteredSince(day, year, document, DOCUMENTS));
			all.addAll(batch.movements());
			if (batch.documents() < DOCUMENTS || batch.lastDocument() == null) {
				return all;
			}
			year = batch.lastYear();
			document = batch.lastDocument();
		}
	}

	private static void takeBack(GoodsMovement movement, Key key, String status, BigDecimal change, Instant entered,
			String effect, Map<String, StockCount> countOf, Map<Key, Map<String, BigDecimal>> erpStock,
			Map<Key, List<Map<String, Object>>> inFlight) {
		StockCount count = countOf.get(key.storageLocation());
		if (count == null || entered.isBefore(count.countedAt())) {
			return;
		}
		erpStock.computeIfAbsent(key, (k) -> new TreeMap<>()).merge(status, change, BigDecimal::add);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("number", movement.document());
		document.put("year", movement.year());
		document.put("item", movement.item());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("materialDocument", document);
		json.put("movementType", movement.movementType());
		json.put("effect", effect);
		json.put("quantity", Evidence.quantity(movement.quantity().value(), movement.quantity().unit().code()));
		json.put("postedAt", entered.toString());
		inFlight.computeIfAbsent(key, (k) -> new ArrayList<>()).add(json);
	}

	private BigDecimal inBaseUnit(CountPosition position, Map<String, UnitOfMeasure> baseUnits,
			Map<String, Optional<Material>> materialCache, RunCalls erp) {
		UnitOfMeasure unit = UnitOfMeasure.of(position.unit());
		UnitOfMeasure base = baseUnits.get(position.material());
		if (unit.equals(base)) {
			return position.quantity();
		}
		Optional<Material> material = materialCache.computeIfAbsent(position.material(), (id) -> {
			try {
				return Optional.of(erp.call(this.materials.material(id)));
			}
			catch (ErpFailure.NotFound ex) {
				return Optional.empty();
			}
		});
		if (material.isEmpty()) {
			// unknown to the ERP: compared as counted (it is missing in the ERP anyway)
			return position.quantity();
		}
		baseUnits.putIfAbsent(position.material(), material.get().baseUnit());
		return material.get()
			.convert(new Quantity(position.quantity(), unit), material.get().baseUnit())
			.map(Quantity::value)
			// checked when the count was reported; a unit the ERP dropped since compares
			// as
			// counted
			.orElse(position.quantity());
	}

	private static Finding finding(MismatchKind kind, String plant, Key key, String status, BigDecimal booked,
			BigDecimal counted, String unit, StockCount count, Instant readAt, List<Map<String, Object>> moved) {
		Map<String, Object> erpSide = (booked != null)
				? Evidence.erp(Evidence.value("quantity", Evidence.quantity(booked.max(BigDecimal.ZERO), unit)), readAt)
				: null;
		Map<String, Object> reported = (counted != null) ? Evidence.reported("WMS", count.reporter(), count.countId(),
				Evidence.value("quantity", Evidence.quantity(counted, unit)), count.countedAt()) : null;
		return new Finding(kind, plant, Subject.stock(key.material(), key.storageLocation(), key.batch(), status),
				Evidence.of(erpSide, reported, moved));
	}

	private static List<Map<String, Object>> byStatus(Map<String, BigDecimal> quantities, String unit) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (String status : STATUSES) {
			BigDecimal quantity = quantities.getOrDefault(status, BigDecimal.ZERO);
			if (quantity.signum() > 0) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("stockStatus", status);
				entry.put("quantity", Evidence.quantity(quantity, unit));
				list.add(entry);
			}
		}
		return list;
	}

	private static BigDecimal sum(Map<String, BigDecimal> quantities) {
		return quantities.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	// the canonical stock statuses, as the inventory product names them
	static String status(StockType type) {
		return switch (type) {
			case UNRESTRICTED -> "ON_HAND";
			case QUALITY_INSPECTION -> "QUALITY_HOLD";
			case IN_TRANSIT, TRANSFER_PLANT, TRANSFER_STORAGE_LOCATION -> "IN_TRANSIT";
			default -> "BLOCKED";
		};
	}

	record Key(String material, String storageLocation, String batch) {

		static Key of(String material, String storageLocation, String batch) {
			return new Key(material, storageLocation, (batch != null && !batch.isBlank()) ? batch : null);
		}

	}

}
