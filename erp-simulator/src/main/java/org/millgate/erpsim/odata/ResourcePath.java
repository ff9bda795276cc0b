package org.millgate.erpsim.odata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a request path after the service root, such as
 * {@code A_ProductionOrder_2('1000001')/to_ProductionOrderOperation} or
 * {@code A_MatlStkInAcctMod(Material='FG-100',Plant='1000')}.
 *
 * @param resource the first segment's name: an entity set, an action or {@code $metadata}
 * @param key the key predicate: name to value, or {@code "" } to the value of a single
 * unnamed key; empty when there is none
 * @param hasKey whether the first segment had a key predicate
 * @param navigation the navigation property after the key, or null
 * @param count whether the path ends in {@code /$count}
 */
public record ResourcePath(String resource, Map<String, String> key, boolean hasKey, String navigation, boolean count) {

	/**
	 * Parses a path relative to the service root.
	 * @param path e.g. {@code A_ProductionOrder_2('1000001')}, without leading slash
	 * @return the parsed path
	 * @throws ODataException 400 or 404 for anything that is not a resource path
	 */
	public static ResourcePath parse(String path) {
		List<String> segments = split(path);
		if (segments.isEmpty() || segments.get(0).isEmpty()) {
			throw ODataException.notFound("No resource given: the service document is not served");
		}
		boolean count = segments.get(segments.size() - 1).equals("$count");
		if (count) {
			segments = segments.subList(0, segments.size() - 1);
		}
		if (segments.size() > 2 || segments.isEmpty()) {
			throw ODataException.notFound("Resource path '" + path + "' is not supported");
		}
		String first = segments.get(0);
		int open = first.indexOf('(');
		if (open < 0) {
			if (segments.size() > 1) {
				throw ODataException.badRequest("A navigation needs a key predicate: '" + path + "'");
			}
			return new ResourcePath(first, Map.of(), false, null, count);
		}
		if (!first.endsWith(")")) {
			throw ODataException.badRequest("Malformed key predicate in '" + first + "'");
		}
		Map<String, String> key = key(first.substring(open + 1, first.length() - 1));
		return new ResourcePath(first.substring(0, open), key, true, (segments.size() > 1) ? segments.get(1) : null,
				count);
	}

	// Splits on '/' outside of quoted literals.
	private static List<String> split(String path) {
		List<String> segments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (char c : path.toCharArray()) {
			if (c == '\'') {
				quoted = !quoted;
			}
			if (c == '/' && !quoted) {
				segments.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		segments.add(current.toString());
		if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
			segments.remove(segments.size() - 1);
		}
		return segments;
	}

	private static Map<String, String> key(String predicate) {
		Map<String, String> key = new LinkedHashMap<>();
		KeyScanner scanner = new KeyScanner(predicate);
		do {
			String name = scanner.name();
			String value = scanner.literal();
			if (key.put(name, value) != null) {
				throw ODataException.badRequest("Key property '" + name + "' given twice");
			}
		}
		while (scanner.comma());
		if (key.containsKey("") && key.size() > 1) {
			throw ODataException.badRequest("Malformed key predicate '" + predicate + "'");
		}
		return key;
	}

	/**
	 * Reads {@code Name='value'} pairs, or a single literal.
	 */
	private static final class KeyScanner {

		private final String text;

		private int at;

		KeyScanner(String text) {
			this.text = text;
		}

		String name() {
			int equals = this.text.indexOf('=', this.at);
			int quote = this.text.indexOf('\'', this.at);
			if (equals < 0 || (quote >= 0 && quote < equals)) {
				return "";
			}
			String name = this.text.substring(this.at, equals).trim();
			this.at = equals + 1;
			return name;
		}

		String literal() {
			if (this.at < this.text.length() && this.text.charAt(this.at) == '\'') {
				StringBuilder value = new StringBuilder();
				int i = this.at + 1;
				while (i < this.text.length()) {
					char c = this.text.charAt(i);
					if (c == '\'') {
						if (i + 1 < this.text.length() && this.text.charAt(i + 1) == '\'') {
							value.append('\'');
							i += 2;
							continue;
						}
						this.at = i + 1;
						return value.toString();
					}
					value.append(c);
					i++;
				}
				throw ODataException.badRequest("Unterminated string in key predicate '" + this.text + "'");
			}
			int end = this.text.indexOf(',', this.at);
			end = (end < 0) ? this.text.length() : end;
			String value = this.text.substring(this.at, end).trim();
			if (value.isEmpty()) {
				throw ODataException.badRequest("Empty key value in '" + this.text + "'");
			}
			this.at = end;
			return value;
		}

		boolean comma() {
			if (this.at >= this.text.length()) {
				return false;
			}
			if (this.text.charAt(this.at) != ',') {
				throw ODataException.badRequest("Malformed key predicate '" + this.text + "'");
			}
			this.at++;
			return true;
		}

	}

}
