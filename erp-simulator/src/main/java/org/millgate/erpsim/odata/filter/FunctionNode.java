package org.millgate.erpsim.odata.filter;

import java.util.function.Function;

/**
 * A call of a boolean string function.
 *
 * @param function the function
 * @param first its first argument, of type Edm.String
 * @param second its second argument, of type Edm.String
 * @param position where the function name starts
 */
record FunctionNode(FilterFunction function, Node first, Node second, int position) implements Node {

	@Override
	public ValueType type() {
		return ValueType.BOOLEAN;
	}

	@Override
	public Object evaluate(Function<String, Object> row) {
		Object left = this.first.evaluate(row);
		Object right = this.second.evaluate(row);
		return left != null && right != null && this.function.apply((String) left, (String) right);
	}

}
