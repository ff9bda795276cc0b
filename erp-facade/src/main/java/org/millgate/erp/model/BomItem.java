package org.millgate.erp.model;

import java.time.LocalDate;

/**
 * One item of a bill of materials.
 *
 * @param item the item number
 * @param component the component material, or null for an item without one (a text)
 * @param quantity how much of the component the BOM's base quantity needs
 * @param category what the item is
 * @param validFrom the first day it is valid
 * @param validTo the last day it is valid
 */
public record BomItem(String item, String component, Quantity quantity, BomItemCategory category, LocalDate validFrom,
		LocalDate validTo) {

	/**
	 * Whether the item is valid on a day.
	 * @param day the day
	 * @return true when it is
	 */
	public boolean validOn(LocalDate day) {
		return !day.isBefore(this.validFrom) && !day.isAfter(this.validTo);
	}

}
