package org.millgate.erpsim.odata.filter;

/**
 * A lexical unit of a {@code $filter} expression.
 *
 * @param kind what it is
 * @param text its source text
 * @param position 0-based index of its first character
 * @param spaceBefore whether whitespace precedes it
 * @param literal the parsed value of a {@link Kind#LITERAL}, otherwise null
 */
record Token(Kind kind, String text, int position, boolean spaceBefore, LiteralNode literal) {

	enum Kind {

		/** A property name, keyword, operator or function name. */
		IDENTIFIER,

		/** A string, number, boolean, null or typed literal. */
		LITERAL,

		OPEN,

		CLOSE,

		COMMA,

		END

	}

	boolean is(String keyword) {
		return this.kind == Kind.IDENTIFIER && this.text.equals(keyword);
	}

}
