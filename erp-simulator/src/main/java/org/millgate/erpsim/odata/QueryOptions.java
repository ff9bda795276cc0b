package org.millgate.erpsim.odata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query options of a request: system query options ({@code $filter} ...) and custom
 * ones ({@code sap-client}, action parameters), decoded.
 */
public final class QueryOptions {

	private static final Set<String> SYSTEM = Set.of("$filter", "$select", "$expand", "$orderby", "$top", "$skip",
			"$inlinecount", "$count", "$skiptoken", "$format", "$search");

	private final Map<String, String> options;

	private QueryOptions(Map<String, String> options) {
		this.options = options;
	}

	/**
	 * Parses a raw query string.
	 * @param rawQuery the query, percent-encoded, or null
	 * @return the options
	 * @throws ODataException 400 for an unknown or repeated system query option
	 */
	public static QueryOptions parse(String rawQuery) {
		Map<String, String> options = new LinkedHashMap<>();
		if (rawQuery != null && !rawQuery.isEmpty()) {
			for (String pair : rawQuery.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = decode((equals < 0) ? pair : pair.substring(0, equals));
				String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
				if (name.startsWith("$") && !SYSTEM.contains(name)) {
					throw ODataException.badRequest("The system query option '" + name + "' is not supported");
				}
				if (options.put(name, value) != null) {
					throw ODataException.badRequest("The query option '" + name + "' is given more than once");
				}
			}
		}
		return new QueryOptions(options);
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw ODataException.badRequest("Malformed percent-encoding in the query");
		}
	}

	/**
	 * An option's value.
	 * @param name e.g. {@code $filter}
	 * @return the decoded value, or null when absent
	 */
	public String get(String name) {
		return this.options.get(name);
	}

	/**
	 * A non-negative whole-number option.
	 * @param name e.g. {@code $top}
	 * @return the value, or -1 when absent
	 * @throws ODataException 400 when it is not a non-negative number
	 */
	public int number(String name) {
		String value = this.options.get(name);
		if (value == null) {
			return -1;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number < 0) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw ODataException.badRequest("The value '" + value + "' of " + name + " is not a non-negative number");
		}
	}

	/**
	 * A comma-separated list option.
	 * @param name e.g. {@code $select}
	 * @return the trimmed items, empty when absent
	 */
	public List<String> list(String name) {
		List<String> items = new ArrayList<>();
		String value = this.options.get(name);
		if (value != null) {
			for (String item : value.split(",")) {
				if (!item.isBlank()) {
					items.add(item.trim());
				}
			}
		}
		return items;
	}

	/**
	 * The options as given, for building a next link.
	 * @return name to decoded value
	 */
	public Map<String, String> all() {
		return Collections.unmodifiableMap(this.options);
	}

}
