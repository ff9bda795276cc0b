package org.millgate.erpsim.odata.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.millgate.erpsim.odata.ODataVersion;

/**
 * Splits an expression into tokens, parsing literals on the way. Iterative: its cost is
 * linear in the length of the text whatever the text holds.
 */
final class Lexer {

	/** Words that make the quoted text right after them a typed literal. */
	private static final Set<String> LITERAL_PREFIXES = Set.of("datetime", "datetimeoffset", "time", "guid", "duration",
			"binary", "X");

	private final String text;

	private final ODataVersion version;

	private int index;

	Lexer(String text, ODataVersion version) {
		this.text = text;
		this.version = version;
	}

	List<Token> tokenize() {
		List<Token> tokens = new ArrayList<>();
		while (true) {
			int before = this.index;
			skipWhitespace();
			boolean space = this.index > before;
			int start = this.index;
			if (start >= this.text.length()) {
				tokens.add(new Token(Token.Kind.END, "", start, space, null));
				return tokens;
			}
			char c = this.text.charAt(start);
			Token.Kind punctuation = switch (c) {
				case '(' -> Token.Kind.OPEN;
				case ')' -> Token.Kind.CLOSE;
				case ',' -> Token.Kind.COMMA;
				default -> null;
			};
			if (punctuation != null) {
				this.index++;
				tokens.add(new Token(punctuation, String.valueOf(c), start, space, null));
			}
			else if (c == '\'') {
				String value = quoted();
				tokens.add(literal(start, space, new LiteralNode(ValueType.STRING, value, start)));
			}
			else if (isWordStart(c)) {
				tokens.add(word(start, space));
			}
			else {
				throw Errors.at(start, "Unexpected character "
						+ (Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'"));
			}
		}
	}

	private Token word(int start, boolean space) {
		while (this.index < this.text.length() && isWordPart(this.text.charAt(this.index))) {
			this.index++;
		}
		String word = this.text.substring(start, this.index);
		if (!isIdentifier(word)) {
			return literal(start, space, Literals.bare(word, this.version, start));
		}
		if (LITERAL_PREFIXES.contains(word) && this.index < this.text.length()
				&& this.text.charAt(this.index) == '\'') {
			String content = quoted();
			String source = this.text.substring(start, this.index);
			return literal(start, space, Literals.typed(word, content, source, this.version, start));
		}
		return switch (word) {
			case "true", "false" ->
				literal(start, space, new LiteralNode(ValueType.BOOLEAN, Boolean.valueOf(word), start));
			case "null" -> literal(start, space, new LiteralNode(ValueType.NULL, null, start));
			default -> new Token(Token.Kind.IDENTIFIER, word, start, space, null);
		};
	}

	/** Reads a quoted text at the current index, {@code ''} standing for one quote. */
	private String quoted() {
		int start = this.index;
		StringBuilder value = new StringBuilder();
		this.index++;
		while (this.index < this.text.length()) {
			char c = this.text.charAt(this.index++);
			if (c != '\'') {
				value.append(c);
			}
			else if (this.index < this.text.length() && this.text.charAt(this.index) == '\'') {
				value.append('\'');
				this.index++;
			}
			else {
				return value.toString();
			}
		}
		throw Errors.at(start, "Unterminated string literal", "the opening quote is never closed");
	}

	private Token literal(int start, boolean space, LiteralNode literal) {
		return new Token(Token.Kind.LITERAL, this.text.substring(start, this.index), start, space, literal);
	}

	private void skipWhitespace() {
		while (this.index < this.text.length()
				&& (this.text.charAt(this.index) == ' ' || this.text.charAt(this.index) == '\t')) {
			this.index++;
		}
	}

	private static boolean isWordStart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-';
	}

	private static boolean isWordPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '+';
	}

	private static boolean isIdentifier(String word) {
		if (!Character.isLetter(word.charAt(0)) && word.charAt(0) != '_') {
			return false;
		}
		return word.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '_');
	}

}
