package org.millgate.erpsim.odata.filter;

/**
 * The comparison operators, with the null semantics: {@code eq}/{@code ne} treat null as
 * a value equal only to null; ordering involving null is false.
 */
enum ComparisonOperator {

	EQ("eq"), NE("ne"), GT("gt"), GE("ge"), LT("lt"), LE("le");

	private final String keyword;

	ComparisonOperator(String keyword) {
		this.keyword = keyword;
	}

	/**
	 * The operator a keyword names.
	 * @param keyword exact lower-case keyword
	 * @return the operator, or null when the word is no comparison operator
	 */
	static ComparisonOperator of(String keyword) {
		for (ComparisonOperator operator : values()) {
			if (operator.keyword.equals(keyword)) {
				return operator;
			}
		}
		return null;
	}

	String keyword() {
		return this.keyword;
	}

	boolean isEquality() {
		return this == EQ || this == NE;
	}

	boolean test(Object left, Object right) {
		if (left == null || right == null) {
			boolean bothNull = left == null && right == null;
			return (this == EQ) ? bothNull : (this == NE) && !bothNull;
		}
		int comparison = RowValues.compare(left, right);
		return switch (this) {
			case EQ -> comparison == 0;
			case NE -> comparison != 0;
			case GT -> comparison > 0;
			case GE -> comparison >= 0;
			case LT -> comparison < 0;
			case LE -> comparison <= 0;
		};
	}

}
