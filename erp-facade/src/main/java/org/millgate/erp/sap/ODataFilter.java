package org.millgate.erp.sap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A typed {@code $filter} expression. Values are rendered as OData literals (strings
 * quoted with {@code '} doubled, dates as {@code datetime'...'} in v2), so no input can
 * become syntax; property names are checked against the OData identifier grammar.
 */
final class ODataFilter {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private final String text;

	private ODataFilter(String text) {
		this.text = text;
	}

	static ODataFilter eq(String property, Object value) {
		return compare(property, "eq", value);
	}

	static ODataFilter ne(String property, Object value) {
		return compare(property, "ne", value);
	}

	static ODataFilter gt(String property, Object value) {
		return compare(property, "gt", value);
	}

	static ODataFilter ge(String property, Object value) {
		return compare(property, "ge", value);
	}

	static ODataFilter lt(String property, Object value) {
		return compare(property, "lt", value);
	}

	static ODataFilter le(String property, Object value) {
		return compare(property, "le", value);
	}

	/**
	 * {@code property eq v1 or property eq v2 ...}, in parentheses.
	 */
	static ODataFilter in(String property, Collection<?> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("in() needs at least one value");
		}
		return new ODataFilter("(" + values.stream()
			.map((value) -> compare(property, "eq", value).text)
			.collect(Collectors.joining(" or ")) + ")");
	}

	ODataFilter and(ODataFilter other) {
		return new ODataFilter(this.text + " and " + other.text);
	}

	ODataFilter or(ODataFilter other) {
		return new ODataFilter("(" + this.text + " or " + other.text + ")");
	}

	/**
	 * Several conditions joined by {@code and}; conditions may be null and are then left
	 * out.
	 * @param conditions the conditions
	 * @return the conjunction
	 */
	static ODataFilter all(List<ODataFilter> conditions) {
		List<String> present = conditions.stream().filter(Objects::nonNull).map((c) -> c.text).toList();
		if (present.isEmpty()) {
			throw new IllegalArgumentException("no condition");
		}
		return new ODataFilter(String.join(" and ", present));
	}

	private static ODataFilter compare(String property, String operator, Object value) {
		if (!IDENTIFIER.matcher(property).matches()) {
			throw new IllegalArgumentException("'" + property + "' is not an OData property name");
		}
		return new ODataFilter(property + " " + operator + " " + literal(value));
	}

	/**
	 * An OData v2 literal; also valid v4 for strings, numbers, booleans and null.
	 * @param value the value, or null
	 * @return the literal
	 */
	static String literal(Object value) {
		if (value == null) {
			// an empty (initial) value, as SAP serves a date never set
			return "null";
		}
		if (value instanceof String string) {
			return "'" + string.replace("'", "''") + "'";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString() + "M";
		}
		if (value instanceof Integer || value instanceof Long) {
			return value.toString();
		}
		if (value instanceof Boolean bool) {
			return bool.toString();
		}
		if (value instanceof LocalDateTime dateTime) {
			return "datetime'" + dateTime.format(DATE_TIME) + "'";
		}
		if (value instanceof LocalDate date) {
			return "datetime'" + date.atStartOfDay().format(DATE_TIME) + "'";
		}
		if (value instanceof Instant instant) {
			return "datetimeoffset'" + DateTimeFormatter.ISO_INSTANT.format(instant) + "'";
		}
		if (value instanceof UUID uuid) {
			return "guid'" + uuid + "'";
		}
		throw new IllegalArgumentException("no OData literal for " + value.getClass().getSimpleName());
	}

	@Override
	public String toString() {
		return this.text;
	}

}
