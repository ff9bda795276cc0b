package org.millgate.erpsim.odata.filter;

import java.util.function.Function;

/**
 * A parsed {@code $filter} expression; immutable, thread-safe.
 */
public interface Filter {

	/**
	 * Whether a row satisfies the expression.
	 * @param row the value of a property by its name (null when the property is null)
	 * @return true when the row is selected
	 */
	boolean matches(Function<String, Object> row);

}
