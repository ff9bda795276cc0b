package org.millgate.erpsim.odata.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.millgate.erpsim.odata.EdmType;
import org.millgate.erpsim.odata.ODataException;
import org.millgate.erpsim.odata.ODataVersion;

/**
 * Parses and type-checks {@code $filter} expressions for one entity set and protocol
 * version. Immutable and thread-safe.
 */
public final class FilterParser {

	/** The longest expression accepted, in characters. */
	static final int MAX_LENGTH = 4096;

	private final Map<String, ValueType> properties;

	private final ODataVersion version;

	/**
	 * A parser for one entity set.
	 * @param properties the filterable properties of the entity set and their types
	 * @param version the protocol version whose literal syntax and functions apply
	 */
	public FilterParser(Map<String, EdmType> properties, ODataVersion version) {
		Objects.requireNonNull(properties, "properties");
		Map<String, ValueType> types = new HashMap<>();
		properties.forEach((name, type) -> types.put(name, ValueType.of(type)));
		this.properties = Map.copyOf(types);
		this.version = Objects.requireNonNull(version, "version");
	}

	/**
	 * Parses an expression.
	 * @param text the URL-decoded value of {@code $filter}
	 * @return the filter
	 * @throws ODataException (400) for ANY malformed, unsupported or ill-typed input —
	 * never another exception
	 */
	public Filter parse(String text) {
		if (text == null) {
			throw ODataException.badRequest("The $filter expression is missing");
		}
		if (text.length() > MAX_LENGTH) {
			throw ODataException.badRequest("The $filter expression is " + text.length() + " characters long; at most "
					+ MAX_LENGTH + " are allowed");
		}
		try {
			List<Token> tokens = new Lexer(text, this.version).tokenize();
			Node root = new Parser(tokens, this.properties, this.version).parse();
			return new CompiledFilter(root, text);
		}
		catch (ODataException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw ODataException.badRequest("Invalid $filter expression: "
					+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName()));
		}
	}

	/** The parsed expression; {@code toString} gives the source text. */
	private record CompiledFilter(Node root, String text) implements Filter {

		@Override
		public boolean matches(Function<String, Object> row) {
			return Node.isTrue(this.root.evaluate(row));
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
