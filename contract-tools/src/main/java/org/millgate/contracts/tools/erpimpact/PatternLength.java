package org.millgate.contracts.tools.erpimpact;

/**
 * The longest string a contract's {@code pattern} admits, for the regular expressions
 * contracts use to bound identifiers: anchors, literals, escapes, character classes,
 * groups, alternatives and the quantifiers {@code ? {n} {m,n}}. A pattern with {@code * +
 * {m,}}, an unanchored pattern, or one this reading does not follow admits strings of any
 * length.
 */
final class PatternLength {

	private final String regex;

	private int at;

	private PatternLength(String regex) {
		this.regex = regex;
	}

	/**
	 * The longest match of a pattern.
	 * @param regex the pattern
	 * @return its length, or null when it is unbounded (or not understood)
	 */
	static Integer max(String regex) {
		if (regex == null || !regex.startsWith("^") || !regex.endsWith("$") || regex.endsWith("\\$")) {
			return null;
		}
		try {
			PatternLength reading = new PatternLength(regex.substring(1, regex.length() - 1));
			long length = reading.alternatives();
			return (reading.at == reading.regex.length() && length < Integer.MAX_VALUE) ? (int) length : null;
		}
		catch (IllegalStateException | IndexOutOfBoundsException | NumberFormatException ex) {
			return null;
		}
	}

	private long alternatives() {
		long longest = sequence();
		while (this.at < this.regex.length() && this.regex.charAt(this.at) == '|') {
			this.at++;
			longest = Math.max(longest, sequence());
		}
		return longest;
	}

	private long sequence() {
		long total = 0;
		while (this.at < this.regex.length() && this.regex.charAt(this.at) != '|'
				&& this.regex.charAt(this.at) != ')') {
			long atom = atom();
			total = saturated(total + saturated(atom * quantifier()));
		}
		return total;
	}

	private long atom() {
		char c = this.regex.charAt(this.at++);
		switch (c) {
			case '(' -> {
				if (this.regex.startsWith("?:", this.at)) {
					this.at += 2;
				}
				else if (this.regex.charAt(this.at) == '?') {
					throw new IllegalStateException("look-around");
				}
				long inner = alternatives();
				expect(')');
				return inner;
			}
			case '[' -> {
				if (this.regex.charAt(this.at) == '^') {
					this.at++;
				}
				if (this.regex.charAt(this.at) == ']') {
					this.at++;
				}
				while (this.regex.charAt(this.at) != ']') {
					if (this.regex.charAt(this.at) == '\\') {
						this.at++;
					}
					this.at++;
				}
				this.at++;
				return 1;
			}
			case '\\' -> {
				char escaped = this.regex.charAt(this.at++);
				if ("bBAzZ".indexOf(escaped) >= 0) {
					return 0;
				}
				return 1;
			}
			case '^', '$' -> {
				return 0;
			}
			default -> {
				return 1;
			}
		}
	}

	// how often the atom before may repeat, at most
	private long quantifier() {
		if (this.at >= this.regex.length()) {
			return 1;
		}
		char c = this.regex.charAt(this.at);
		if (c == '?') {
			this.at++;
			return 1;
		}
		if (c == '*' || c == '+') {
			throw new IllegalStateException("unbounded");
		}
		if (c == '{') {
			int end = this.regex.indexOf('}', this.at);
			String bounds = this.regex.substring(this.at + 1, end);
			this.at = end + 1;
			int comma = bounds.indexOf(',');
			if (comma < 0) {
				return Long.parseLong(bounds.trim());
			}
			String upper = bounds.substring(comma + 1).trim();
			if (upper.isEmpty()) {
				throw new IllegalStateException("unbounded");
			}
			return Long.parseLong(upper);
		}
		return 1;
	}

	private void expect(char c) {
		if (this.regex.charAt(this.at++) != c) {
			throw new IllegalStateException("expected " + c);
		}
	}

	private static long saturated(long value) {
		return Math.min(value, Integer.MAX_VALUE);
	}

}
