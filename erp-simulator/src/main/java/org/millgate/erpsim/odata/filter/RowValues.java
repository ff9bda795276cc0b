package org.millgate.erpsim.odata.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Normalises row values and compares values of compatible types.
 */
final class RowValues {

	private RowValues() {
	}

	/**
	 * A row value in the form the evaluator compares: numbers as {@link BigDecimal}.
	 * @param property the property name, for the message
	 * @param type the property's declared type
	 * @param value the row value, may be null
	 * @return the normalised value, null for null
	 * @throws IllegalArgumentException when the row holds a value of another type
	 */
	static Object normalize(String property, ValueType type, Object value) {
		if (value == null) {
			return null;
		}
		if (type.isNumeric() && value instanceof Number number) {
			return toDecimal(number);
		}
		if (type.javaType().isInstance(value)) {
			return value;
		}
		throw new IllegalArgumentException(
				"Property '" + property + "' of type " + type.edmName() + " holds a " + value.getClass().getName());
	}

	private static BigDecimal toDecimal(Number number) {
		if (number instanceof BigDecimal decimal) {
			return decimal;
		}
		if (number instanceof BigInteger integer) {
			return new BigDecimal(integer);
		}
		if (number instanceof Double || number instanceof Float) {
			return new BigDecimal(number.toString());
		}
		return BigDecimal.valueOf(number.longValue());
	}

	/**
	 * Compares two non-null values of compatible types: numbers by value, date-times with
	 * offset by instant, GUIDs by their canonical text.
	 * @param left the left value
	 * @param right the right value
	 * @return negative, zero or positive
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static int compare(Object left, Object right) {
		if (left instanceof OffsetDateTime l && right instanceof OffsetDateTime r) {
			return l.toInstant().compareTo(r.toInstant());
		}
		if (left instanceof UUID l && right instanceof UUID r) {
			return l.toString().compareTo(r.toString());
		}
		return ((Comparable) left).compareTo(right);
	}

}
