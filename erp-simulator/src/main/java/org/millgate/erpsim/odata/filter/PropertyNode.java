package org.millgate.erpsim.odata.filter;

import java.util.function.Function;

/**
 * A property of the row.
 *
 * @param name the property name
 * @param type its declared type
 * @param position where it starts
 */
record PropertyNode(String name, ValueType type, int position) implements Node {

	@Override
	public Object evaluate(Function<String, Object> row) {
		return RowValues.normalize(this.name, this.type, row.apply(this.name));
	}

}
