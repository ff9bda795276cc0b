package org.millgate.contracts.validation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.github.fge.jsonschema.core.util.RegexECMA262Helper;

/**
 * A JSON Schema {@code pattern} (an ECMA-262 regular expression, searched anywhere in the
 * string) checked with {@link java.util.regex} compiled once, where the two engines
 * agree.
 *
 * <p>
 * The JSON Schema library in use runs every {@code pattern} check through a JavaScript
 * engine (Rhino), which compiles the expression again on each call. A pattern made only
 * of constructs that mean the same in both engines (literals, escaped punctuation,
 * {@code \d} and {@code \w}, character classes without nesting, groups, lookaheads,
 * alternation, quantifiers) is translated for {@code java.util.regex}: {@code $} becomes
 * the end of input ({@code \z}; Java's {@code $} also matches before a final line break)
 * and {@code .} excludes ECMAScript's line terminators only. Any other construct, and any
 * string with a surrogate pair (ECMAScript counts its two halves as two characters), is
 * left to the JavaScript engine, so the answer is always ECMAScript's.
 */
final class EcmaPattern {

	// patterns come from contracts, not from requests; the bound keeps it so
	private static final int MAX_COMPILED = 4_096;

	private static final Map<String, EcmaPattern> compiled = new ConcurrentHashMap<>();

	private final String source;

	private final Pattern pattern;

	private EcmaPattern(String source) {
		this.source = source;
		this.pattern = translate(source);
	}

	/**
	 * The pattern of a schema, compiled once.
	 * @param source the ECMA-262 regular expression
	 * @return the pattern
	 */
	static EcmaPattern of(String source) {
		EcmaPattern known = compiled.get(source);
		if (known != null) {
			return known;
		}
		EcmaPattern pattern = new EcmaPattern(source);
		if (compiled.size() < MAX_COMPILED) {
			compiled.putIfAbsent(source, pattern);
		}
		return pattern;
	}

	/**
	 * Whether the pattern is found in the string, as ECMAScript's {@code RegExp.test}
	 * says.
	 * @param input the string
	 * @return true when found
	 */
	boolean test(String input) {
		if (this.pattern == null || hasSurrogate(input)) {
			return RegexECMA262Helper.regMatch(this.source, input);
		}
		return this.pattern.matcher(input).find();
	}

	/**
	 * Whether the pattern runs on {@code java.util.regex} (false: on the JavaScript
	 * engine).
	 * @return true when translated
	 */
	boolean translated() {
		return this.pattern != null;
	}

	private static boolean hasSurrogate(String input) {
		for (int i = 0; i < input.length(); i++) {
			if (Character.isSurrogate(input.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	// null where the pattern holds a construct the two engines may read differently
	static Pattern translate(String source) {
		StringBuilder out = new StringBuilder(source.length() + 16);
		boolean inClass = false;
		int classStart = -1;
		int n = source.length();
		for (int i = 0; i < n; i++) {
			char c = source.charAt(i);
			if (c == '\\') {
				if (i + 1 >= n) {
					return null;
				}
				char escaped = source.charAt(i + 1);
				if (!isSameEscape(escaped)) {
					return null;
				}
				out.append('\\').append(escaped);
				i++;
				continue;
			}
			if (inClass) {
				if (c == '[' || (c == '&' && i + 1 < n && source.charAt(i + 1) == '&')) {
					// Java nests classes and intersects them; ECMAScript reads both
					// literally
					return null;
				}
				if (c == ']') {
					if (i == classStart || (i == classStart + 1 && source.charAt(classStart) == '^')) {
						// an empty class in ECMAScript, a literal ] in Java
						return null;
					}
					inClass = false;
				}
				out.append(c);
				continue;
			}
			switch (c) {
				case '[' -> {
					inClass = true;
					classStart = i + 1;
					out.append(c);
				}
				case '.' -> out.append("[^\\n\\r\\u2028\\u2029]");
				case '$' -> out.append("\\z");
				case '(' -> {
					if (i + 1 < n && source.charAt(i + 1) == '?') {
						if (i + 2 >= n || "=!:".indexOf(source.charAt(i + 2)) < 0) {
							// lookbehind and named groups differ between versions of
							// either
							return null;
						}
					}
					out.append(c);
				}
				case '{' -> {
					int end = quantifierEnd(source, i);
					if (end < 0) {
						// a literal { in ECMAScript, an error in Java
						return null;
					}
					out.append(source, i, end + 1);
					i = end;
				}
				case '}', ']' -> {
					return null;
				}
				case '+' -> {
					if (i > 0 && "*+?}".indexOf(source.charAt(i - 1)) >= 0) {
						// possessive in Java, an error in ECMAScript
						return null;
					}
					out.append(c);
				}
				default -> out.append(c);
			}
		}
		if (inClass) {
			return null;
		}
		try {
			return Pattern.compile(out.toString());
		}
		catch (PatternSyntaxException ex) {
			return null;
		}
	}

	// \d \D \w \W and escaped ASCII punctuation mean the same in both engines
	private static boolean isSameEscape(char escaped) {
		if ("dDwW".indexOf(escaped) >= 0) {
			return true;
		}
		return escaped < 128 && !Character.isLetterOrDigit(escaped) && !Character.isWhitespace(escaped)
				&& escaped >= 0x21;
	}

	// the index of the } closing a quantifier {n}, {n,} or {n,m} at start, or -1
	private static int quantifierEnd(String source, int start) {
		int i = start + 1;
		int digits = 0;
		while (i < source.length() && Character.isDigit(source.charAt(i))) {
			i++;
			digits++;
		}
		if (digits == 0 || i >= source.length()) {
			return -1;
		}
		if (source.charAt(i) == ',') {
			i++;
			while (i < source.length() && Character.isDigit(source.charAt(i))) {
				i++;
			}
		}
		return (i < source.length() && source.charAt(i) == '}') ? i : -1;
	}

}
