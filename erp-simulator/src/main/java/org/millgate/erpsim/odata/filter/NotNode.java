package org.millgate.erpsim.odata.filter;

import java.util.function.Function;

/**
 * {@code not operand}; a null boolean operand counts as false, so its negation is true.
 *
 * @param operand the boolean operand
 * @param position where {@code not} stands
 */
record NotNode(Node operand, int position) implements Node {

	@Override
	public ValueType type() {
		return ValueType.BOOLEAN;
	}

	@Override
	public Object evaluate(Function<String, Object> row) {
		return !Node.isTrue(this.operand.evaluate(row));
	}

}
