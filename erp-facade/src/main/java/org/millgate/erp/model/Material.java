package org.millgate.erp.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A material definition: what a material is called, its base unit and the units it can be
 * converted into.
 *
 * @param id the material number
 * @param description its description (English)
 * @param baseUnit the unit stock is kept in
 * @param conversions alternative units and their factor to the base unit
 * @param batchManagedIn the plants in which it is batch managed
 */
public record Material(String id, String description, UnitOfMeasure baseUnit, List<UnitConversion> conversions,
		Set<String> batchManagedIn) {

	public Material {
		conversions = List.copyOf(conversions);
		batchManagedIn = Set.copyOf(batchManagedIn);
	}

	/**
	 * Converts a quantity of this material into another unit, through the base unit.
	 * @param quantity the quantity, in the base unit or an alternative unit
	 * @param target the unit wanted
	 * @return the converted quantity, or empty when either unit has no conversion
	 */
	public Optional<Quantity> convert(Quantity quantity, UnitOfMeasure target) {
		if (quantity.unit().equals(target)) {
			return Optional.of(quantity);
		}
		Optional<BigDecimal> toBase = factor(quantity.unit());
		Optional<BigDecimal> fromBase = factor(target);
		if (toBase.isEmpty() || fromBase.isEmpty()) {
			return Optional.empty();
		}
		BigDecimal base = quantity.value().multiply(toBase.get());
		return Optional
			.of(new Quantity(base.divide(fromBase.get(), MathContext.DECIMAL64).stripTrailingZeros(), target));
	}

	// Base units per one unit.
	private Optional<BigDecimal> factor(UnitOfMeasure unit) {
		if (unit.equals(this.baseUnit)) {
			return Optional.of(BigDecimal.ONE);
		}
		return this.conversions.stream()
			.filter((conversion) -> conversion.unit().equals(unit) && conversion.denominator().signum() != 0)
			.findFirst()
			.map((conversion) -> conversion.numerator().divide(conversion.denominator(), MathContext.DECIMAL64));
	}

}
