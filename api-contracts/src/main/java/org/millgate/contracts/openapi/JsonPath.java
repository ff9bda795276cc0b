package org.millgate.contracts.openapi;

import java.util.regex.Pattern;

/**
 * A JSON path into a document, such as
 * {@code $.paths['/v1/orders'].get.responses['404']}, built one step at a time.
 * Immutable.
 */
public final class JsonPath {

	private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final JsonPath ROOT = new JsonPath("$");

	private final String path;

	private JsonPath(String path) {
		this.path = path;
	}

	/**
	 * The document root, {@code $}.
	 * @return the root path
	 */
	public static JsonPath root() {
		return ROOT;
	}

	/**
	 * The path of a member of the object at this path.
	 * @param name member name
	 * @return the longer path
	 */
	public JsonPath field(String name) {
		if (PLAIN.matcher(name).matches()) {
			return new JsonPath(this.path + "." + name);
		}
		return new JsonPath(this.path + "['" + name.replace("'", "\\'") + "']");
	}

	/**
	 * The path of an element of the array at this path.
	 * @param index element index
	 * @return the longer path
	 */
	public JsonPath index(int index) {
		return new JsonPath(this.path + "[" + index + "]");
	}

	/**
	 * The path of several members in turn.
	 * @param names member names
	 * @return the longer path
	 */
	public JsonPath fields(String... names) {
		JsonPath result = this;
		for (String name : names) {
			result = result.field(name);
		}
		return result;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof JsonPath that && this.path.equals(that.path);
	}

	@Override
	public int hashCode() {
		return this.path.hashCode();
	}

	@Override
	public String toString() {
		return this.path;
	}

}
