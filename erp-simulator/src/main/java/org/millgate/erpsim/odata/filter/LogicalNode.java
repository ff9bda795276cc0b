package org.millgate.erpsim.odata.filter;

import java.util.List;
import java.util.function.Function;

/**
 * A chain of {@code and} or of {@code or}, kept flat so long chains need no deep
 * recursion; evaluated left to right with short-circuit.
 *
 * @param conjunction true for {@code and}, false for {@code or}
 * @param operands at least two boolean operands
 * @param position where the first operand starts
 */
record LogicalNode(boolean conjunction, List<Node> operands, int position) implements Node {

	LogicalNode {
		operands = List.copyOf(operands);
	}

	@Override
	public ValueType type() {
		return ValueType.BOOLEAN;
	}

	@Override
	public Object evaluate(Function<String, Object> row) {
		for (Node operand : this.operands) {
			if (Node.isTrue(operand.evaluate(row)) != this.conjunction) {
				return !this.conjunction;
			}
		}
		return this.conjunction;
	}

}
