package org.millgate.erp.model;

import java.time.Instant;
import java.util.List;

/**
 * A production order (ISA-95 operations request): what to make, how much, when, from
 * which components, along which operations.
 *
 * @param id the order number
 * @param orderType the order type
 * @param description the order's text, or empty
 * @param plant the producing plant
 * @param material the material produced
 * @param productionVersion the production version, or null
 * @param routingGroup the routing (bill of operations) group, or null
 * @param progress where it stands
 * @param planned planned quantity
 * @param plannedScrap planned scrap
 * @param confirmedYield good quantity confirmed
 * @param confirmedScrap scrap confirmed
 * @param delivered quantity received into stock
 * @param schedule dates
 * @param operations its operations, empty unless asked for
 * @param components its material requirements, empty unless asked for
 * @param lastChanged when it last changed
 * @param version the ERP's entity tag, for optimistic locking and client caching
 */
public record ProductionOrder(String id, String orderType, String description, String plant, String material,
		String productionVersion, String routingGroup, OrderProgress progress, Quantity planned, Quantity plannedScrap,
		Quantity confirmedYield, Quantity confirmedScrap, Quantity delivered, OrderSchedule schedule,
		List<Operation> operations, List<MaterialRequirement> components, Instant lastChanged, String version) {

	public ProductionOrder {
		operations = List.copyOf(operations);
		components = List.copyOf(components);
	}

}
