package org.millgate.contracts.tools.erpimpact;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of an ERP property with the limits its {@code $metadata} states, read from the
 * notation of {@link ErpMetadata.Service#entitySets()}: {@code Edm.String(40)},
 * {@code Edm.Decimal[13,3]}, with {@code  not null} when the property is
 * {@code Nullable="false"}.
 *
 * @param edm the EDM type, e.g. {@code Edm.String}
 * @param maxLength the most characters a string holds, or null when unlimited
 * @param precision the most digits a decimal holds, or null
 * @param scale the most of them after the decimal point, or null
 * @param nullable whether the property may be empty (OData's default)
 */
public record ErpType(String edm, Integer maxLength, Integer precision, Integer scale, boolean nullable) {

	private static final Pattern NOTATION = Pattern
		.compile("([A-Za-z0-9_.]+)(?:\\((\\d+|max)\\))?(?:\\[(\\d*),(\\d*)\\])?( not null)?");

	/**
	 * Reads a type in {@link ErpMetadata}'s notation.
	 * @param notation e.g. {@code Edm.String(12) not null}
	 * @return the type
	 * @throws IllegalArgumentException when the notation is not one
	 */
	public static ErpType parse(String notation) {
		Matcher matcher = NOTATION.matcher(notation.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not an ERP type: " + notation);
		}
		return new ErpType(matcher.group(1), integer(matcher.group(2)), integer(matcher.group(3)),
				integer(matcher.group(4)), matcher.group(5) == null);
	}

	/**
	 * Whether this is a string type.
	 * @return true for {@code Edm.String}
	 */
	public boolean isString() {
		return "Edm.String".equals(this.edm);
	}

	/**
	 * Whether this is a number type.
	 * @return true for decimals, integers and floating point numbers
	 */
	public boolean isNumber() {
		return this.edm.matches("Edm\\.(Decimal|Int16|Int32|Int64|Byte|SByte|Double|Single)");
	}

	/**
	 * The largest value a decimal holds: 10^(precision − scale) − 10^−scale.
	 * @return the largest value, or null when the precision is not stated
	 */
	public BigDecimal maximum() {
		if (!"Edm.Decimal".equals(this.edm) || this.precision == null) {
			return null;
		}
		int decimals = (this.scale != null) ? this.scale : 0;
		return BigDecimal.TEN.pow(this.precision - decimals).subtract(BigDecimal.ONE.movePointLeft(decimals));
	}

	/**
	 * The most digits after the decimal point.
	 * @return the scale, 0 for integers, null when not stated
	 */
	public Integer decimals() {
		if (this.edm.matches("Edm\\.(Int16|Int32|Int64|Byte|SByte)")) {
			return 0;
		}
		return "Edm.Decimal".equals(this.edm) ? this.scale : null;
	}

	/**
	 * Where this type holds less than another of the same property: a shorter string,
	 * fewer digits or decimals, no longer empty, another EDM type.
	 * @param before the type the property had
	 * @return what narrowed, or null when nothing did
	 */
	public String narrowedFrom(ErpType before) {
		if (!this.edm.equals(before.edm)) {
			return "the type changed from " + before.edm + " to " + this.edm;
		}
		if (less(this.maxLength, before.maxLength)) {
			return "MaxLength " + before.maxLength + " → " + this.maxLength;
		}
		if (less(this.precision, before.precision)) {
			return "Precision " + before.precision + " → " + this.precision;
		}
		if (less(this.scale, before.scale)) {
			return "Scale " + before.scale + " → " + this.scale;
		}
		if (before.nullable && !this.nullable) {
			return "Nullable true → false";
		}
		return null;
	}

	/**
	 * How reports name the limits, e.g. {@code Edm.String MaxLength 40}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.edm);
		if (this.maxLength != null) {
			text.append(" MaxLength ").append(this.maxLength);
		}
		if (this.precision != null || this.scale != null) {
			text.append(" Precision ").append(this.precision).append(" Scale ").append(this.scale);
		}
		if (!this.nullable) {
			text.append(" not nullable");
		}
		return text.toString();
	}

	// a stated limit below a limit stated or unlimited before
	private static boolean less(Integer now, Integer before) {
		return now != null && (before == null || now < before);
	}

	private static Integer integer(String text) {
		// MaxLength="max" (OData v4) states no limit
		return (text == null || text.isEmpty() || "max".equals(text)) ? null : Integer.valueOf(text);
	}

}
