package org.millgate.erpsim.odata.filter;

import java.util.function.Function;

/**
 * {@code left op right} for one of the comparison operators.
 *
 * @param operator the operator
 * @param left the left operand
 * @param right the right operand
 * @param position where the operator stands
 */
record ComparisonNode(ComparisonOperator operator, Node left, Node right, int position) implements Node {

	@Override
	public ValueType type() {
		return ValueType.BOOLEAN;
	}

	@Override
	public Object evaluate(Function<String, Object> row) {
		return this.operator.test(this.left.evaluate(row), this.right.evaluate(row));
	}

}
