package org.millgate.erpsim.odata.filter;

import java.util.function.Function;

/**
 * A node of the parsed expression tree; immutable. Boolean nodes evaluate to a non-null
 * {@link Boolean}; operands evaluate to their (normalised) value or null.
 */
sealed interface Node permits LiteralNode, PropertyNode, ComparisonNode, LogicalNode, NotNode, FunctionNode {

	/**
	 * The static type, checked at parse time.
	 * @return the type
	 */
	ValueType type();

	/**
	 * Where the node starts or its operator stands, for messages.
	 * @return 0-based index into the expression
	 */
	int position();

	/**
	 * The node's value for a row.
	 * @param row the row's property values by name
	 * @return the value, possibly null
	 */
	Object evaluate(Function<String, Object> row);

	/**
	 * Two-valued truth: a null boolean counts as false.
	 * @param value an evaluated boolean operand
	 * @return whether it is {@link Boolean#TRUE}
	 */
	static boolean isTrue(Object value) {
		return Boolean.TRUE.equals(value);
	}

}
