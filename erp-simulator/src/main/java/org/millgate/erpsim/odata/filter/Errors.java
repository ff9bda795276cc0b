package org.millgate.erpsim.odata.filter;

import java.util.Locale;
import java.util.Set;

import org.millgate.erpsim.odata.ODataException;

/**
 * Builds the 400 refusals, all in the form {@code <problem> at position <n>[: <hint>]}
 * with a 1-based position.
 */
final class Errors {

	private static final int MAX_QUOTED = 40;

	private static final Set<String> UNSUPPORTED_OPERATORS = Set.of("add", "sub", "mul", "div", "divby", "mod", "has",
			"in", "any", "all");

	private Errors() {
	}

	/**
	 * A refusal pointing at a character.
	 * @param index 0-based index into the expression
	 * @param problem what is wrong
	 * @return the exception
	 */
	static ODataException at(int index, String problem) {
		return ODataException.badRequest(problem + " at position " + (index + 1));
	}

	static ODataException at(int index, String problem, String hint) {
		return ODataException.badRequest(problem + " at position " + (index + 1) + ": " + hint);
	}

	/**
	 * A token where another was expected, recognising operators in the wrong case and
	 * OData operators the simulator does not support.
	 * @param token the token found
	 * @param expected what was expected, e.g. {@code an operator or end of input}
	 * @return the exception
	 */
	static ODataException unexpected(Token token, String expected) {
		if (token.kind() == Token.Kind.IDENTIFIER) {
			String lower = token.text().toLowerCase(Locale.ROOT);
			if (!lower.equals(token.text()) && Parser.KEYWORDS.contains(lower)) {
				return at(token.position(), "Unknown operator '" + token.text() + "'",
						"operators are case-sensitive, write '" + lower + "'");
			}
			if (UNSUPPORTED_OPERATORS.contains(token.text())) {
				return at(token.position(), "Operator '" + token.text() + "' is not supported");
			}
		}
		if (token.kind() == Token.Kind.CLOSE) {
			return at(token.position(), "Unbalanced parentheses: unexpected ')'");
		}
		return at(token.position(), "Expected " + expected + " but found " + describe(token));
	}

	/**
	 * SAP's message for a binary operator whose operand types do not fit.
	 * @param operator the operator token
	 * @param left the left operand
	 * @param right the right operand
	 * @return the exception
	 */
	static ODataException incompatible(Token operator, Node left, Node right) {
		return at(operator.position(), "Operator '" + operator.text() + "' incompatible with operand types '"
				+ left.type().edmName() + "' and '" + right.type().edmName() + "'");
	}

	/**
	 * How a token reads in a message.
	 * @param token the token
	 * @return {@code end of input}, or the (possibly shortened) source text, quoted
	 */
	static String describe(Token token) {
		if (token.kind() == Token.Kind.END) {
			return "end of input";
		}
		String text = (token.text().length() > MAX_QUOTED) ? token.text().substring(0, MAX_QUOTED) + "..."
				: token.text();
		return text.startsWith("'") ? "string literal " + text : "'" + text + "'";
	}

}
