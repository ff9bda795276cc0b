package org.millgate.erp.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A material's bill of materials in a plant for one usage, as valid on one day: which
 * components make {@code baseQuantity} of it.
 *
 * @param material the material it makes
 * @param plant the plant
 * @param usage what it is for
 * @param alternative which of the material's alternative BOMs it is
 * @param baseQuantity the quantity of the material its item quantities refer to
 * @param validOn the day it was read for
 * @param items the items valid on that day, in item order
 * @param asOf when the ERP answered
 */
public record BillOfMaterial(String material, String plant, BomUsage usage, String alternative, Quantity baseQuantity,
		LocalDate validOn, List<BomItem> items, Instant asOf) {

	public BillOfMaterial {
		items = List.copyOf(items);
	}

}
