package org.millgate.erpsim.service;

import java.math.BigDecimal;

import org.millgate.erpsim.odata.EdmType;

/**
 * A property of an entity set as a release names it.
 *
 * @param name the name in this release, e.g. {@code MfgOrderPlannedTotalQty}
 * @param column the data column that holds it (release independent), e.g.
 * {@code TotalQuantity}
 * @param type its EDM type
 * @param maxLength the maximum length of a string, 0 when not a string
 * @param key whether it is part of the entity key
 * @param precision the most digits of a decimal, 0 when not a decimal
 * @param scale the most digits after the decimal point of a decimal
 */
public record Property(String name, String column, EdmType type, int maxLength, boolean key, int precision, int scale) {

	/** SAP's quantity type QUAN 13,3, behind every quantity the simulator serves. */
	public static final int QUANTITY_PRECISION = 13;

	/** The decimals of SAP's quantity type. */
	public static final int QUANTITY_SCALE = 3;

	/**
	 * A property; a decimal holds a quantity (precision 13, scale 3).
	 * @param name the name in this release
	 * @param column the data column that holds it
	 * @param type its EDM type
	 * @param maxLength the maximum length of a string, 0 when not a string
	 * @param key whether it is part of the entity key
	 */
	public Property(String name, String column, EdmType type, int maxLength, boolean key) {
		this(name, column, type, maxLength, key, (type == EdmType.DECIMAL) ? QUANTITY_PRECISION : 0,
				(type == EdmType.DECIMAL) ? QUANTITY_SCALE : 0);
	}

	/**
	 * A string property whose name is its column.
	 * @param name the name
	 * @param maxLength the maximum length
	 * @return the property
	 */
	public static Property text(String name, int maxLength) {
		return new Property(name, name, EdmType.STRING, maxLength, false);
	}

	/**
	 * A property of another type whose name is its column.
	 * @param name the name
	 * @param type the type
	 * @return the property
	 */
	public static Property of(String name, EdmType type) {
		return new Property(name, name, type, 0, false);
	}

	/**
	 * This property, as part of the key.
	 * @return the key property
	 */
	public Property asKey() {
		return new Property(this.name, this.column, this.type, this.maxLength, true, this.precision, this.scale);
	}

	/**
	 * This property under another name, reading the same column.
	 * @param newName the name in a release that renamed it
	 * @return the renamed property
	 */
	public Property renamed(String newName) {
		return new Property(newName, this.column, this.type, this.maxLength, this.key, this.precision, this.scale);
	}

	/**
	 * This decimal property with other limits.
	 * @param digits the most digits
	 * @param decimals the most digits after the decimal point
	 * @return the property
	 */
	public Property digits(int digits, int decimals) {
		return new Property(this.name, this.column, this.type, this.maxLength, this.key, digits, decimals);
	}

	/**
	 * Why a value does not fit this property, as SAP Gateway refuses it.
	 * @param value the parsed value
	 * @return the reason, or null when it fits
	 */
	public String misfit(Object value) {
		if (value instanceof String text && this.maxLength > 0
				&& text.codePointCount(0, text.length()) > this.maxLength) {
			return "The value of property '" + this.name + "' has " + text.codePointCount(0, text.length())
					+ " characters; the property holds at most " + this.maxLength + " (MaxLength " + this.maxLength
					+ ")";
		}
		if (value instanceof BigDecimal number && this.precision > 0) {
			BigDecimal plain = number.stripTrailingZeros();
			int decimals = Math.max(0, plain.scale());
			int integers = Math.max(0, plain.precision() - plain.scale());
			if (decimals > this.scale || integers > this.precision - this.scale) {
				return "The value " + number.toPlainString() + " of property '" + this.name
						+ "' does not fit Edm.Decimal with Precision " + this.precision + " and Scale " + this.scale;
			}
		}
		return null;
	}

}
