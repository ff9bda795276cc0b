package org.millgate.inventory.availability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.Material;
import org.millgate.erp.model.MaterialRequirement;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.StockPosition;
import org.millgate.erp.model.StockType;
import org.millgate.erp.model.UnitOfMeasure;

/**
 * Turns stock positions and open reservations into the contract's buckets (mapping in the
 * module README). Every quantity is taken in the unit the ERP states for it and converted
 * into the unit asked for (or the base unit) through the material's conversions before it
 * is added up: no row's unit is assumed. Pure: no I/O, so every rule is tested without an
 * ERP.
 */
final class AvailabilityCalculator {

	private AvailabilityCalculator() {
	}

	static MaterialAvailability calculate(Request request, Material material, List<StockPosition> stock,
			List<MaterialRequirement> reservations, List<String> productionSupply, Instant asOf) {
		List<StockPosition> positions = stock.stream()
			.filter((position) -> position.material().equals(request.material()) && !position.special())
			.filter((position) -> request.storageLocation() == null
					|| request.storageLocation().equals(position.storageLocation()))
			.filter((position) -> request.batch() == null || request.batch().equals(position.batch()))
			.toList();
		List<MaterialRequirement> open = reservations.stream()
			.filter((item) -> item.material().equals(request.material()))
			.filter((item) -> request.storageLocation() == null
					|| request.storageLocation().equals(item.storageLocation()))
			.filter((item) -> request.batch() == null || request.batch().equals(item.batch()))
			.toList();
		UnitOfMeasure unit = (request.unit() != null) ? request.unit() : material.baseUnit();
		// the unit asked for must be one the material has, stock or not
		in(Quantity.zero(material.baseUnit()), material, unit);
		StockFigures totals = StockFigures.ZERO;
		Map<String, StockFigures> parts = new TreeMap<>();
		for (StockPosition position : positions) {
			StockFigures figures = figures(position.type(), position.storageLocation(),
					in(position.quantity(), material, unit), productionSupply);
			totals = totals.plus(figures);
			if (request.breakdown() != Breakdown.NONE) {
				parts.merge(key(request.breakdown(), position.storageLocation(), position.batch()), figures,
						StockFigures::plus);
			}
		}
		for (MaterialRequirement item : open) {
			StockFigures allocated = new StockFigures(BigDecimal.ZERO, in(item.open(), material, unit), BigDecimal.ZERO,
					BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
			totals = totals.plus(allocated);
			String key = key(request.breakdown(), item.storageLocation(), item.batch());
			// Reservations not yet tied to a place count in the totals only.
			if (request.breakdown() != Breakdown.NONE && parts.containsKey(key)) {
				parts.merge(key, allocated, StockFigures::plus);
			}
		}
		List<MaterialAvailability.Part> breakdown = new ArrayList<>();
		for (Map.Entry<String, StockFigures> part : parts.entrySet()) {
			String[] place = part.getKey().split("\u001f", -1);
			breakdown.add(new MaterialAvailability.Part(blankToNull(place[0]), blankToNull(place[1]), part.getValue()));
		}
		breakdown
			.sort(Comparator.comparing((MaterialAvailability.Part part) -> Objects.toString(part.storageLocation(), ""))
				.thenComparing((part) -> Objects.toString(part.batch(), "")));
		return new MaterialAvailability(request.material(), request.plant(), request.storageLocation(), request.batch(),
				unit, totals, breakdown, asOf);
	}

	private static StockFigures figures(StockType type, String storageLocation, BigDecimal quantity,
			List<String> productionSupply) {
		BigDecimal zero = BigDecimal.ZERO;
		return switch (type) {
			case UNRESTRICTED -> new StockFigures(quantity, zero, zero, zero, zero,
					productionSupply.contains(storageLocation) ? quantity : zero);
			case QUALITY_INSPECTION -> new StockFigures(zero, zero, quantity, zero, zero, zero);
			case BLOCKED, RETURNS_BLOCKED, GOODS_RECEIPT_BLOCKED, RESTRICTED ->
				new StockFigures(zero, zero, zero, quantity, zero, zero);
			case IN_TRANSIT, TRANSFER_PLANT, TRANSFER_STORAGE_LOCATION ->
				new StockFigures(zero, zero, zero, zero, quantity, zero);
		};
	}

	// A quantity in the unit it is kept in, converted into the unit of the answer.
	private static BigDecimal in(Quantity quantity, Material material, UnitOfMeasure unit) {
		return material.convert(quantity, unit)
			.map(Quantity::value)
			.orElseThrow(() -> new Rejection("unit.notConvertible",
					"Material " + material.id() + " has no conversion from " + quantity.unit() + " to " + unit + "."));
	}

	private static String key(Breakdown breakdown, String storageLocation, String batch) {
		return (breakdown.byStorageLocation() ? Objects.toString(storageLocation, "") : "") + "\u001f"
				+ (breakdown.byBatch() ? Objects.toString(batch, "") : "");
	}

	private static String blankToNull(String text) {
		return text.isEmpty() ? null : text;
	}

	/**
	 * What to calculate.
	 *
	 * @param material the material
	 * @param plant the plant
	 * @param storageLocation only this storage location, or null
	 * @param batch only this batch, or null
	 * @param unit the unit wanted, or null for the base unit
	 * @param breakdown how finely to split
	 */
	record Request(String material, String plant, String storageLocation, String batch, UnitOfMeasure unit,
			Breakdown breakdown) {

	}

}
