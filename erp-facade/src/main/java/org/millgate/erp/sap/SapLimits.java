package org.millgate.erp.sap;

import java.math.BigDecimal;

import org.millgate.erp.model.Quantity;
import org.millgate.erp.port.ErpFailure;

/**
 * The limits of the SAP fields the adapter writes, checked before a write so that a value
 * is refused whole instead of being cut short or rounded by the ERP: texts by their
 * {@code MaxLength}, quantities by SAP's quantity type QUAN 13,3 (at most 10 digits
 * before the decimal point and 3 after) and by their unit's decimals (a piece has none).
 * The simulator's {@code $metadata} states the same limits, and contract-tools' lineage
 * tests hold the contracts to them.
 */
final class SapLimits {

	/** Digits of SAP's quantity type. */
	static final int QUANTITY_PRECISION = 13;

	/** Decimals of SAP's quantity type. */
	static final int QUANTITY_SCALE = 3;

	private SapLimits() {
	}

	/**
	 * Refuses a text longer than its field keeps.
	 * @param field the canonical field
	 * @param property the SAP property
	 * @param what how a consumer knows the value, e.g. {@code the note}
	 * @param text the text, or null
	 * @param maxLength the property's MaxLength
	 */
	static void text(String field, String property, String what, String text, int maxLength) {
		if (text == null) {
			return;
		}
		int length = text.codePointCount(0, text.length());
		if (length > maxLength) {
			throw new ErpFailure.LimitExceeded(field, property,
					what + " has " + length + " characters; the ERP keeps at most " + maxLength);
		}
	}

	/**
	 * Refuses a quantity with more digits or decimals than SAP's quantity type keeps.
	 * @param field the canonical field
	 * @param property the SAP property
	 * @param what how a consumer knows the value, e.g. {@code the yield}
	 * @param quantity the quantity as it would be written (in the ERP's unit)
	 * @param units the units, whose decimals further limit the quantity (a piece has
	 * none)
	 */
	static void quantity(String field, String property, String what, Quantity quantity, SapUnits units) {
		BigDecimal plain = quantity.value().stripTrailingZeros();
		int decimals = Math.max(0, plain.scale());
		int integers = Math.max(0, plain.precision() - plain.scale());
		if (decimals > QUANTITY_SCALE) {
			throw new ErpFailure.LimitExceeded(field, property,
					what + " is " + shown(plain) + " " + quantity.unit().code() + ", with " + decimals
							+ " decimals; the ERP keeps at most " + QUANTITY_SCALE);
		}
		if (integers > QUANTITY_PRECISION - QUANTITY_SCALE) {
			throw new ErpFailure.LimitExceeded(field, property, what + " is " + shown(plain) + " "
					+ quantity.unit().code() + "; the ERP keeps at most 9999999999.999");
		}
		int allowed = units.decimals(quantity.unit());
		if (decimals > allowed) {
			throw new ErpFailure.LimitExceeded(field, property,
					what + " is " + shown(plain) + " " + quantity.unit().code() + ", with " + decimals
							+ ((decimals == 1) ? " decimal" : " decimals") + "; a quantity in " + quantity.unit().code()
							+ " has " + ((allowed == 0) ? "no decimals" : "at most " + allowed));
		}
	}

	// the value as a reader expects it, without writing out a billion zeros of
	// 1e-999999999
	private static String shown(BigDecimal plain) {
		return (Math.abs(plain.scale()) <= 40 && plain.precision() <= 40) ? plain.toPlainString() : plain.toString();
	}

}
