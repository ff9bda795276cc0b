package org.millgate.erpsim.odata;

import java.util.List;
import java.util.Set;

import org.millgate.erpsim.service.EntitySet;

/**
 * Which properties a response holds ({@code $select}) and which navigations it expands
 * inline ({@code $expand}).
 *
 * @param selected the selected property and navigation names; empty selects everything
 * @param expanded the expanded navigation names
 */
public record Shape(Set<String> selected, Set<String> expanded) {

	/** Every property, nothing expanded. */
	public static final Shape ALL = new Shape(Set.of(), Set.of());

	/**
	 * Reads and checks {@code $select} and {@code $expand} against an entity set.
	 * @param set the entity set
	 * @param options the request's options
	 * @return the shape
	 * @throws ODataException 400 naming an unknown property or navigation
	 */
	public static Shape of(EntitySet set, QueryOptions options) {
		List<String> expand = options.list("$expand");
		for (String name : expand) {
			if (name.contains("/")) {
				throw ODataException.badRequest("Nested $expand '" + name + "' is not supported");
			}
			if (set.navigation(name).isEmpty()) {
				throw ODataException
					.badRequest("Navigation property '" + name + "' not found in type '" + set.entityType() + "'");
			}
		}
		List<String> select = options.list("$select");
		for (String name : select) {
			if (!name.equals("*") && set.property(name).isEmpty() && set.navigation(name).isEmpty()) {
				throw ODataException.badRequest("Property '" + name + "' not found in type '" + set.entityType() + "'");
			}
		}
		return new Shape(select.contains("*") ? Set.of() : Set.copyOf(select), Set.copyOf(expand));
	}

	boolean selects(String name) {
		return this.selected.isEmpty() || this.selected.contains(name);
	}

	boolean expands(String name) {
		return this.expanded.contains(name);
	}

}
