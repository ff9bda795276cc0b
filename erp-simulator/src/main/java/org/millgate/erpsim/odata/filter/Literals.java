package org.millgate.erpsim.odata.filter;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.millgate.erpsim.odata.ODataVersion;

/**
 * Parses the literals that are not strings: numbers, dates, times, GUIDs, in their V2 or
 * V4 form.
 */
final class Literals {

	private static final Pattern NUMBER = Pattern.compile("(-?\\d+(\\.\\d+)?([eE][+-]?\\d{1,3})?)([mMlLdDfF]?)");

	private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?";

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern LOCAL_DATE_TIME = Pattern.compile(DATE_TIME);

	private static final Pattern OFFSET_DATE_TIME = Pattern.compile(DATE_TIME + "(Z|[+-]\\d{2}:\\d{2})");

	private static final Pattern TIME_OF_DAY = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

	private static final Pattern DURATION = Pattern
		.compile("PT(?=\\d)(?:(\\d{1,2})H)?(?:(\\d{1,2})M)?(?:(\\d{1,2})(?:\\.(\\d{1,9}))?S)?");

	private static final Pattern GUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private Literals() {
	}

	/**
	 * A literal written without quotes: a number, or in V4 a date, date-time with offset,
	 * time of day or GUID.
	 */
	static LiteralNode bare(String word, ODataVersion version, int position) {
		Matcher number = NUMBER.matcher(word);
		if (number.matches()) {
			return NumberLiterals.parse(number.group(1), number.group(4), word, version, position);
		}
		boolean v4 = version == ODataVersion.V4;
		String invalid = "Invalid literal '" + word + "'";
		if (DATE.matcher(word).matches()) {
			requireV4(v4, invalid, position, "bare dates are OData V4; in V2 write datetime'" + word + "T00:00:00'");
			return parsed(ValueType.DATE, word, position, () -> LocalDate.parse(word));
		}
		if (OFFSET_DATE_TIME.matcher(word).matches()) {
			requireV4(v4, invalid, position, "in OData V2 write datetimeoffset'" + word + "'");
			return parsed(ValueType.DATE_TIME_OFFSET, word, position, () -> OffsetDateTime.parse(word));
		}
		if (LOCAL_DATE_TIME.matcher(word).matches()) {
			throw Errors.at(position, invalid, v4 ? "a date-time needs an offset, e.g. " + word + "Z"
					: "in OData V2 write datetime'" + word + "'");
		}
		if (TIME_OF_DAY.matcher(word).matches()) {
			requireV4(v4, invalid, position, "in OData V2 write time'PT..H..M..S'");
			return parsed(ValueType.TIME, word, position, () -> LocalTime.parse(word));
		}
		if (GUID.matcher(word).matches()) {
			requireV4(v4, invalid, position, "in OData V2 write guid'" + word + "'");
			return parsed(ValueType.GUID, word, position, () -> UUID.fromString(word));
		}
		throw Errors.at(position, invalid);
	}

	/**
	 * A V2 literal written as {@code prefix'content'}.
	 */
	static LiteralNode typed(String prefix, String content, String source, ODataVersion version, int position) {
		String invalid = "Invalid " + prefix + " literal " + source;
		if (version == ODataVersion.V4) {
			throw Errors.at(position, "Literal " + source + " is not supported in OData V4",
					prefix + "'...' literals are OData V2 syntax; V4 writes dates, date-times with offset and GUIDs"
							+ " without prefix and quotes");
		}
		return switch (prefix) {
			case "datetime" -> {
				require(LOCAL_DATE_TIME, content, invalid, position,
						"expected datetime'yyyy-mm-ddThh:mm[:ss[.fffffff]]'");
				yield parsed(ValueType.DATE_TIME, source, position, () -> LocalDateTime.parse(content));
			}
			case "datetimeoffset" -> {
				require(OFFSET_DATE_TIME, content, invalid, position,
						"expected datetimeoffset'yyyy-mm-ddThh:mm[:ss[.fffffff]]Z' or an offset like +01:00");
				yield parsed(ValueType.DATE_TIME_OFFSET, source, position, () -> OffsetDateTime.parse(content));
			}
			case "time" -> {
				Matcher duration = require(DURATION, content, invalid, position, "expected time'PThhHmmMssS'");
				yield parsed(ValueType.TIME, source, position, () -> timeOfDay(duration));
			}
			case "guid" -> {
				require(GUID, content, invalid, position, "expected guid'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'");
				yield parsed(ValueType.GUID, source, position, () -> UUID.fromString(content));
			}
			default -> throw Errors.at(position, "Literal type '" + prefix + "' is not supported");
		};
	}

	private static LocalTime timeOfDay(Matcher duration) {
		int nanos = (duration.group(4) != null) ? Integer.parseInt((duration.group(4) + "00000000").substring(0, 9))
				: 0;
		return LocalTime.of(group(duration, 1), group(duration, 2), group(duration, 3), nanos);
	}

	private static int group(Matcher matcher, int group) {
		return (matcher.group(group) != null) ? Integer.parseInt(matcher.group(group)) : 0;
	}

	private static void requireV4(boolean v4, String problem, int position, String hint) {
		if (!v4) {
			throw Errors.at(position, problem, hint);
		}
	}

	private static Matcher require(Pattern pattern, String content, String problem, int position, String hint) {
		Matcher matcher = pattern.matcher(content);
		if (!matcher.matches()) {
			throw Errors.at(position, problem, hint);
		}
		return matcher;
	}

	/**
	 * Runs a JDK parser, turning its exception (e.g. for February 30 or 25:00) into a
	 * 400.
	 */
	private static LiteralNode parsed(ValueType type, String source, int position, Supplier<Object> parser) {
		try {
			return new LiteralNode(type, parser.get(), position);
		}
		catch (RuntimeException ex) {
			throw Errors.at(position, "Invalid " + type.edmName() + " literal " + source, "a field is out of range");
		}
	}

}
