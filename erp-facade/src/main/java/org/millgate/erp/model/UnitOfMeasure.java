package org.millgate.erp.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A unit of measure by its UN/ECE Recommendation 20 code, e.g. {@code H87} (piece),
 * {@code KGM} (kilogram), {@code MTR} (metre).
 *
 * @param code the UN/ECE code
 */
public record UnitOfMeasure(String code) {

	private static final Pattern CODE = Pattern.compile("[A-Z0-9]{2,3}");

	public UnitOfMeasure {
		Objects.requireNonNull(code, "code");
		if (!CODE.matcher(code).matches()) {
			throw new IllegalArgumentException("'" + code + "' is not a UN/ECE Recommendation 20 unit code");
		}
	}

	/**
	 * The unit of a code.
	 * @param code e.g. {@code KGM}
	 * @return the unit
	 */
	public static UnitOfMeasure of(String code) {
		return new UnitOfMeasure(code);
	}

	@Override
	public String toString() {
		return this.code;
	}

}
