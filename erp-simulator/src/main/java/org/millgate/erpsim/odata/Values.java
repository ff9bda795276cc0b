package org.millgate.erpsim.odata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.millgate.erpsim.service.Property;

/**
 * Converts between data columns, property values and their JSON form in each OData
 * version, the way SAP Gateway writes them.
 */
public final class Values {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	/** The scale of every Edm.Decimal property, as {@code $metadata} declares it. */
	public static final int DECIMAL_SCALE = 3;

	private static final DateTimeFormatter V4_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private Values() {
	}

	/**
	 * A row's value of a property, as the property's type represents it: SAP indicator
	 * fields ({@code Edm.String} of length 1) read Boolean columns as {@code "X"} or
	 * {@code ""}.
	 * @param row the row
	 * @param property the property
	 * @return the value, possibly null
	 */
	public static Object of(Map<String, Object> row, Property property) {
		Object value = row.get(property.column());
		if (value instanceof Boolean flag && property.type() == EdmType.STRING) {
			return flag ? "X" : "";
		}
		return value;
	}

	/**
	 * The JSON form of a property value.
	 * @param value the value, as {@link #of} returns it
	 * @param type the property's type
	 * @param version the protocol version
	 * @return the JSON node
	 */
	public static JsonNode json(Object value, EdmType type, ODataVersion version) {
		if (value == null) {
			return JSON.nullNode();
		}
		boolean v2 = version == ODataVersion.V2;
		return switch (type) {
			case STRING, GUID -> JSON.stringNode(value.toString());
			case DECIMAL -> v2 ? JSON.stringNode(decimal(value).toPlainString()) : JSON.numberNode(decimal(value));
			case INT32 -> JSON.numberNode(((Number) value).intValue());
			case BOOLEAN -> JSON.booleanNode((Boolean) value);
			case DATE_TIME -> v2 ? JSON.stringNode("/Date(" + epochMillis((LocalDateTime) value) + ")/")
					: JSON.stringNode(((LocalDateTime) value).toLocalDate().toString());
			case DATE_TIME_OFFSET ->
				v2 ? JSON.stringNode("/Date(" + ((OffsetDateTime) value).toInstant().toEpochMilli() + "+0000)/")
						: JSON.stringNode(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toString());
			case DATE -> JSON.stringNode(((LocalDate) value).toString());
			case TIME -> v2 ? JSON.stringNode(duration((LocalTime) value))
					: JSON.stringNode(((LocalTime) value).format(V4_TIME));
		};
	}

	/**
	 * A value sent by a client in a JSON body, converted to the column's Java type.
	 * @param node the JSON value
	 * @param property the property it is for
	 * @param version the protocol version
	 * @return the column value
	 * @throws ODataException 400 when the value does not fit the property
	 */
	public static Object parse(JsonNode node, Property property, ODataVersion version) {
		if (node == null || node.isNull()) {
			return null;
		}
		try {
			String text = node.asString();
			Object value = switch (property.type()) {
				case STRING -> text;
				case GUID -> UUID.fromString(text);
				case DECIMAL -> new BigDecimal(text);
				case INT32 -> Integer.valueOf(text);
				case BOOLEAN -> node.isBoolean() ? node.asBoolean() : Boolean.parseBoolean(text);
				case DATE_TIME -> parseDateTime(text);
				case DATE_TIME_OFFSET -> parseDateTimeOffset(text);
				case DATE -> LocalDate.parse(text);
				case TIME -> parseTime(text);
			};
			String misfit = property.misfit(value);
			if (misfit != null) {
				// SAP Gateway refuses the value before any business logic runs
				throw ODataException.badRequest(misfit);
			}
			return value;
		}
		catch (RuntimeException ex) {
			if (ex instanceof ODataException odata) {
				throw odata;
			}
			throw ODataException.badRequest(
					"Invalid value for property '" + property.name() + "' of type " + property.type().edmName());
		}
	}

	// Quantities are Edm.Decimal with scale 3, and SAP writes every digit: "100.000".
	private static BigDecimal decimal(Object value) {
		return ((BigDecimal) value).setScale(DECIMAL_SCALE, RoundingMode.HALF_UP);
	}

	private static long epochMillis(LocalDateTime value) {
		return value.toInstant(ZoneOffset.UTC).toEpochMilli();
	}

	private static String duration(LocalTime time) {
		return String.format("PT%02dH%02dM%02dS", time.getHour(), time.getMinute(), time.getSecond());
	}

	private static LocalDateTime parseDateTime(String text) {
		if (text.startsWith("/Date(")) {
			long millis = Long.parseLong(text.substring(6, text.indexOf(')')).replaceAll("[+-]\\d{4}$", ""));
			return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
					(int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
		}
		return LocalDateTime.parse(text);
	}

	private static OffsetDateTime parseDateTimeOffset(String text) {
		if (text.startsWith("/Date(")) {
			return parseDateTime(text).atOffset(ZoneOffset.UTC);
		}
		return OffsetDateTime.parse(text);
	}

	private static LocalTime parseTime(String text) {
		if (text.startsWith("PT")) {
			Duration duration = Duration.parse(text);
			return LocalTime.ofSecondOfDay(duration.getSeconds());
		}
		return LocalTime.parse(text);
	}

}
