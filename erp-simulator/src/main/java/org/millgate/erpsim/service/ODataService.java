package org.millgate.erpsim.service;

import java.util.List;
import java.util.Optional;

import org.millgate.erpsim.odata.ODataVersion;

/**
 * One OData service as a release serves it.
 *
 * @param id release independent id, e.g. {@code production-orders}; used for faults and
 * statistics
 * @param path the service root path, e.g.
 * {@code /sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV}
 * @param namespace the EDMX schema namespace, e.g. {@code API_PRODUCTION_ORDER_2_SRV}
 * @param version OData v2 or v4
 * @param entitySets its entity sets
 * @param actions its function imports
 */
public record ODataService(String id, String path, String namespace, ODataVersion version, List<EntitySet> entitySets,
		List<Action> actions) {

	public ODataService {
		entitySets = List.copyOf(entitySets);
		actions = List.copyOf(actions);
	}

	/**
	 * An entity set by name.
	 * @param name the name
	 * @return the set, or empty
	 */
	public Optional<EntitySet> entitySet(String name) {
		return this.entitySets.stream().filter((set) -> set.name().equals(name)).findFirst();
	}

	/**
	 * An action by name.
	 * @param name the name
	 * @return the action, or empty
	 */
	public Optional<Action> action(String name) {
		return this.actions.stream().filter((action) -> action.name().equals(name)).findFirst();
	}

}
