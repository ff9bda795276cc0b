package org.millgate.erp.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount in a unit of measure.
 *
 * @param value the amount
 * @param unit its unit
 */
public record Quantity(BigDecimal value, UnitOfMeasure unit) {

	public Quantity {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(unit, "unit");
	}

	/**
	 * A quantity.
	 * @param value the amount
	 * @param unit the unit's UN/ECE code
	 * @return the quantity
	 */
	public static Quantity of(String value, String unit) {
		return new Quantity(new BigDecimal(value), UnitOfMeasure.of(unit));
	}

	/**
	 * Zero in a unit.
	 * @param unit the unit
	 * @return the quantity
	 */
	public static Quantity zero(UnitOfMeasure unit) {
		return new Quantity(BigDecimal.ZERO, unit);
	}

	/**
	 * Whether two quantities are equal in value, whatever their scale.
	 * @param other the other quantity
	 * @return true for the same unit and the same amount
	 */
	public boolean isSameAs(Quantity other) {
		return this.unit.equals(other.unit) && this.value.compareTo(other.value) == 0;
	}

}
