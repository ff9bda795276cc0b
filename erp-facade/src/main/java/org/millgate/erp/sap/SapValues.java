package org.millgate.erp.sap;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.millgate.erp.port.ErpFailure;

/**
 * Reads SAP's JSON values: v2 writes decimals as strings and dates as {@code /Date(ms)/},
 * v4 uses numbers and ISO dates; indicators are {@code "X"} or {@code ""}. A value that
 * cannot be read is a {@link ErpFailure.Malformed} naming the field.
 */
final class SapValues {

	private static final Pattern SAP_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	private SapValues() {
	}

	static String text(JsonNode entity, String field) {
		JsonNode value = field(entity, field);
		if (!value.isString()) {
			throw malformed(field, value);
		}
		return value.asString();
	}

	/**
	 * A text that SAP leaves empty when absent.
	 * @return the text, or null when empty
	 */
	static String optionalText(JsonNode entity, String field) {
		JsonNode value = entity.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		String text = text(entity, field);
		return text.isBlank() ? null : text;
	}

	static BigDecimal decimal(JsonNode entity, String field) {
		JsonNode value = field(entity, field);
		try {
			if (value.isNumber()) {
				return value.decimalValue();
			}
			if (value.isString()) {
				return new BigDecimal(value.asString().trim());
			}
		}
		catch (NumberFormatException ex) {
			throw malformed(field, value);
		}
		throw malformed(field, value);
	}

	static boolean flag(JsonNode entity, String field) {
		JsonNode value = field(entity, field);
		if (value.isBoolean()) {
			return value.asBoolean();
		}
		if (value.isString()) {
			return "X".equals(value.asString());
		}
		throw malformed(field, value);
	}

	static LocalDateTime dateTime(JsonNode entity, String field) {
		JsonNode value = entity.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		String text = text(entity, field);
		Matcher matcher = SAP_DATE.matcher(text);
		try {
			if (matcher.matches()) {
				return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(matcher.group(1))), ZoneOffset.UTC);
			}
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay();
			}
			// v4 date-times carry an offset; the canonical model keeps UTC.
			boolean offset = text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$");
			return offset ? OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
					: LocalDateTime.parse(text);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw malformed(field, value);
		}
	}

	static LocalDate date(JsonNode entity, String field) {
		LocalDateTime dateTime = dateTime(entity, field);
		return (dateTime != null) ? dateTime.toLocalDate() : null;
	}

	static LocalTime time(JsonNode entity, String field) {
		JsonNode value = entity.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		String text = text(entity, field);
		try {
			if (text.startsWith("PT")) {
				// SAP writes the end of a day as PT24H00M00S.
				long seconds = Duration.parse(text).getSeconds();
				return (seconds >= 86_400) ? LocalTime.MAX.withNano(0) : LocalTime.ofSecondOfDay(seconds);
			}
			return LocalTime.parse(text);
		}
		catch (DateTimeException ex) {
			throw malformed(field, value);
		}
	}

	/**
	 * SAP's 14-character change stamps, {@code yyyyMMddHHmmss} in UTC.
	 */
	static Instant stamp(JsonNode entity, String field) {
		String text = optionalText(entity, field);
		if (text == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(text, STAMP).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw malformed(field, entity.path(field));
		}
	}

	static String stamp(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(STAMP);
	}

	static UUID uuid(JsonNode entity, String field) {
		String text = optionalText(entity, field);
		try {
			return (text != null) ? UUID.fromString(text) : null;
		}
		catch (IllegalArgumentException ex) {
			throw malformed(field, entity.path(field));
		}
	}

	static String sapDate(LocalDate date) {
		return "/Date(" + date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + ")/";
	}

	static String sapTime(LocalTime time) {
		return String.format("PT%02dH%02dM%02dS", time.getHour(), time.getMinute(), time.getSecond());
	}

	private static JsonNode field(JsonNode entity, String field) {
		JsonNode value = entity.path(field);
		if (value.isMissingNode() || value.isNull()) {
			throw new ErpFailure.Malformed("the ERP's answer lacks the field " + field, null);
		}
		return value;
	}

	private static ErpFailure.Malformed malformed(String field, JsonNode value) {
		String shown = value.toString();
		return new ErpFailure.Malformed("the ERP's value of " + field + " cannot be read: "
				+ ((shown.length() > 60) ? shown.substring(0, 60) + "..." : shown), null);
	}

}
