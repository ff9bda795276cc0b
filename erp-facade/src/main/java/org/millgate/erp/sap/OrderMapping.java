package org.millgate.erp.sap;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.MaterialRequirement;
import org.millgate.erp.model.Operation;
import org.millgate.erp.model.OrderProgress;
import org.millgate.erp.model.OrderSchedule;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.UnitOfMeasure;

import static org.millgate.erp.sap.SapValues.date;
import static org.millgate.erp.sap.SapValues.dateTime;
import static org.millgate.erp.sap.SapValues.decimal;
import static org.millgate.erp.sap.SapValues.flag;
import static org.millgate.erp.sap.SapValues.optionalText;
import static org.millgate.erp.sap.SapValues.text;

/**
 * Production orders, their operations and components, from SAP's entities.
 */
final class OrderMapping {

	private final SapRelease release;

	private final SapUnits units;

	OrderMapping(SapRelease release, SapUnits units) {
		this.release = release;
		this.units = units;
	}

	ProductionOrder order(JsonNode entity, String etag) {
		UnitOfMeasure unit = this.units.canonical(text(entity, "ProductionUnit"));
		OrderProgress progress = new OrderProgress(flag(entity, "OrderIsReleased"),
				flag(entity, "OrderIsPartiallyReleased"), flag(entity, "OrderIsPartiallyConfirmed"),
				flag(entity, "OrderIsConfirmed"), flag(entity, "OrderIsPartiallyDelivered"),
				flag(entity, "OrderIsDelivered"), flag(entity, "OrderIsTechnicallyCompleted"),
				flag(entity, "OrderIsClosed"), flag(entity, "OrderIsMarkedForDeletion"), flag(entity, "OrderIsLocked"));
		OrderSchedule schedule = new OrderSchedule(at(entity, "MfgOrderPlannedStartDate", "MfgOrderPlannedStartTime"),
				at(entity, "MfgOrderPlannedEndDate", "MfgOrderPlannedEndTime"),
				date(entity, "MfgOrderScheduledStartDate"), date(entity, "MfgOrderScheduledEndDate"),
				date(entity, "MfgOrderActualReleaseDate"));
		return new ProductionOrder(text(entity, "ManufacturingOrder"), text(entity, "ManufacturingOrderType"),
				text(entity, "ManufacturingOrderText"), text(entity, "ProductionPlant"), text(entity, "Material"),
				optionalText(entity, "ProductionVersion"), optionalText(entity, "BillOfOperationsGroup"), progress,
				quantity(entity, this.release.plannedQuantity, unit), quantity(entity, "MfgOrderPlannedScrapQty", unit),
				quantity(entity, "MfgOrderConfirmedYieldQty", unit),
				quantity(entity, "MfgOrderConfirmedScrapQty", unit), quantity(entity, "ActualDeliveredQuantity", unit),
				schedule, operations(entity), components(entity), SapValues.stamp(entity, "LastChangeDateTime"), etag);
	}

	private List<Operation> operations(JsonNode order) {
		List<Operation> operations = new ArrayList<>();
		for (JsonNode entity : expanded(order, "to_ProductionOrderOperation")) {
			UnitOfMeasure unit = this.units.canonical(text(entity, "OperationUnit"));
			operations
				.add(new Operation(text(entity, "ManufacturingOrderOperation"), text(entity, "MfgOrderOperationText"),
						text(entity, "WorkCenter"), quantity(entity, "OpPlannedTotalQuantity", unit),
						quantity(entity, "OpTotalConfirmedYieldQty", unit),
						quantity(entity, "OpTotalConfirmedScrapQty", unit), flag(entity, "OperationIsReleased"),
						flag(entity, "OperationIsPartiallyConfirmed"), flag(entity, "OperationIsConfirmed"),
						date(entity, "OpErlstSchedldExecStrtDte"), date(entity, "OpErlstSchedldExecEndDte")));
		}
		operations.sort(Comparator.comparing(Operation::number));
		return operations;
	}

	private List<MaterialRequirement> components(JsonNode order) {
		List<MaterialRequirement> components = new ArrayList<>();
		for (JsonNode entity : expanded(order, "to_ProductionOrderComponent")) {
			components.add(requirement(entity, "Material", "RequiredQuantity", "WithdrawnQuantity",
					"ConfirmedAvailableQuantity", "ReservationIsFinallyIssued", "ManufacturingOrder",
					"ManufacturingOrderOperation"));
		}
		return components;
	}

	/**
	 * A component or a reservation item: the same ERP record under two sets of names. The
	 * confirmed available quantity is the ERP's own, read where the entity set has it
	 * ({@code confirmedAvailable} names the property, which is then required), and null
	 * where it has none (the reservation service): never computed or assumed.
	 */
	MaterialRequirement requirement(JsonNode entity, String material, String required, String withdrawn,
			String confirmedAvailable, String finallyIssued, String order, String operation) {
		UnitOfMeasure unit = this.units.canonical(text(entity, "BaseUnit"));
		return new MaterialRequirement(text(entity, "Reservation"), text(entity, "ReservationItem"),
				optionalText(entity, order), (operation != null) ? optionalText(entity, operation) : null,
				text(entity, material), text(entity, "Plant"), optionalText(entity, "StorageLocation"),
				optionalText(entity, "Batch"), quantity(entity, required, unit), quantity(entity, withdrawn, unit),
				(confirmedAvailable != null) ? quantity(entity, confirmedAvailable, unit) : null,
				date(entity, "MatlCompRequirementDate"), flag(entity, finallyIssued));
	}

	private static List<JsonNode> expanded(JsonNode entity, String navigation) {
		JsonNode related = entity.path(navigation);
		JsonNode results = related.has("results") ? related.get("results") : related;
		List<JsonNode> entities = new ArrayList<>();
		if (results.isArray()) {
			results.forEach(entities::add);
		}
		return entities;
	}

	private static Quantity quantity(JsonNode entity, String field, UnitOfMeasure unit) {
		return new Quantity(decimal(entity, field), unit);
	}

	private static LocalDateTime at(JsonNode entity, String dateField, String timeField) {
		LocalDateTime date = dateTime(entity, dateField);
		LocalTime time = SapValues.time(entity, timeField);
		return (date == null) ? null : (time == null) ? date : date.toLocalDate().atTime(time);
	}

}
