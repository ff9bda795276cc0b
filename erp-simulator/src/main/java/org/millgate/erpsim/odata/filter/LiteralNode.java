package org.millgate.erpsim.odata.filter;

import java.util.function.Function;

/**
 * A constant.
 *
 * @param type the literal's type
 * @param value its value (numbers as BigDecimal), null for {@code null}
 * @param position where it starts
 */
record LiteralNode(ValueType type, Object value, int position) implements Node {

	@Override
	public Object evaluate(Function<String, Object> row) {
		return this.value;
	}

}
