package org.millgate.erpsim.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.millgate.erpsim.odata.EdmType;

/**
 * An entity set of a service, as a release names it, over one data table.
 *
 * @param name e.g. {@code A_ProductionOrderComponent_3}
 * @param entityType the entity type's name, e.g. {@code A_ProductionOrderComponent_3Type}
 * @param table the data table it reads, e.g. {@code ProductionOrderComponent}
 * @param properties its properties, keys first
 * @param navigations its navigation properties
 * @param writable whether it accepts POST (create)
 */
public record EntitySet(String name, String entityType, String table, List<Property> properties,
		List<Navigation> navigations, boolean writable) {

	public EntitySet {
		properties = List.copyOf(properties);
		navigations = List.copyOf(navigations);
	}

	/**
	 * The key properties.
	 * @return the keys in order
	 */
	public List<Property> keys() {
		return this.properties.stream().filter(Property::key).toList();
	}

	/**
	 * A property by its name in this release.
	 * @param name the name
	 * @return the property, or empty
	 */
	public Optional<Property> property(String name) {
		return this.properties.stream().filter((property) -> property.name().equals(name)).findFirst();
	}

	/**
	 * A navigation property by name.
	 * @param name the name
	 * @return the navigation, or empty
	 */
	public Optional<Navigation> navigation(String name) {
		return this.navigations.stream().filter((navigation) -> navigation.name().equals(name)).findFirst();
	}

	/**
	 * Property names and types, for the filter parser.
	 * @return name to type
	 */
	public Map<String, EdmType> types() {
		return this.properties.stream().collect(Collectors.toUnmodifiableMap(Property::name, Property::type));
	}

}
