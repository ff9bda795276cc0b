package org.millgate.erpsim.service;

import org.millgate.erpsim.odata.EdmType;

/**
 * A property of an entity set as a release names it.
 *
 * @param name the name in this release, e.g. {@code MfgOrderPlannedTotalQty}
 * @param column the data column that holds it (release independent), e.g.
 * {@code TotalQuantity}
 * @param type its EDM type
 * @param maxLength the maximum length of a string, 0 when not a string
 * @param key whether it is part of the entity key
 */
public record Property(String name, String column, EdmType type, int maxLength, boolean key) {

	/**
	 * A string property whose name is its column.
	 * @param name the name
	 * @param maxLength the maximum length
	 * @return the property
	 */
	public static Property text(String name, int maxLength) {
		return new Property(name, name, EdmType.STRING, maxLength, false);
	}

	/**
	 * A property of another type whose name is its column.
	 * @param name the name
	 * @param type the type
	 * @return the property
	 */
	public static Property of(String name, EdmType type) {
		return new Property(name, name, type, 0, false);
	}

	/**
	 * This property, as part of the key.
	 * @return the key property
	 */
	public Property asKey() {
		return new Property(this.name, this.column, this.type, this.maxLength, true);
	}

	/**
	 * This property under another name, reading the same column.
	 * @param newName the name in a release that renamed it
	 * @return the renamed property
	 */
	public Property renamed(String newName) {
		return new Property(newName, this.column, this.type, this.maxLength, this.key);
	}

}
