package org.millgate.erpsim.odata.filter;

import java.math.BigDecimal;

import org.millgate.erpsim.odata.ODataVersion;

/**
 * Number literals: V2 with optional type suffix ({@code M} decimal, {@code L} int64,
 * {@code d} double, {@code f} single), V4 plain. Without suffix an integer is an
 * Edm.Int32 (Edm.Int64 or Edm.Decimal when too large), a number with a fraction an
 * Edm.Decimal, one with an exponent an Edm.Double. Values are held as BigDecimal.
 */
final class NumberLiterals {

	private NumberLiterals() {
	}

	/**
	 * @param digits the number without suffix, e.g. {@code -12.5}
	 * @param suffix the type suffix, empty for none
	 * @param word the literal as written, for messages
	 * @param version the protocol version
	 * @param position where the literal starts
	 * @return the literal
	 */
	static LiteralNode parse(String digits, String suffix, String word, ODataVersion version, int position) {
		if (!suffix.isEmpty() && version == ODataVersion.V4) {
			throw Errors.at(position, "Invalid literal '" + word + "'",
					"type suffixes (M, L, d, f) are OData V2 syntax; V4 writes plain numbers");
		}
		boolean integral = digits.chars().allMatch((c) -> Character.isDigit(c) || c == '-');
		BigDecimal value = new BigDecimal(digits);
		ValueType type = switch (suffix) {
			case "M", "m" -> ValueType.DECIMAL;
			case "d", "D" -> ValueType.DOUBLE;
			case "f", "F" -> ValueType.SINGLE;
			case "L", "l" -> {
				if (!integral || !fits(value, Long.MIN_VALUE, Long.MAX_VALUE)) {
					throw Errors.at(position, "Invalid Edm.Int64 literal '" + word + "'");
				}
				yield ValueType.INT64;
			}
			default -> integral ? integerType(value)
					: (digits.indexOf('e') >= 0 || digits.indexOf('E') >= 0) ? ValueType.DOUBLE : ValueType.DECIMAL;
		};
		return new LiteralNode(type, value, position);
	}

	private static ValueType integerType(BigDecimal value) {
		if (fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
			return ValueType.INT32;
		}
		return fits(value, Long.MIN_VALUE, Long.MAX_VALUE) ? ValueType.INT64 : ValueType.DECIMAL;
	}

	private static boolean fits(BigDecimal value, long min, long max) {
		return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
	}

}
