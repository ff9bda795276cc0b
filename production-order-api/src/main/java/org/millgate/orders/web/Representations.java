package org.millgate.orders.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.MaterialRequirement;
import org.millgate.erp.model.Operation;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.model.Quantity;
import org.millgate.orders.application.OrderQueries;
import org.millgate.orders.application.ConfirmOrder;
import org.millgate.orders.application.OrderStatus;

/**
 * The contract's JSON shapes of orders and confirmations, built from the canonical model;
 * ERP local times become date-times in the plant's zone.
 */
public final class Representations {

	private final Function<String, ZoneId> zones;

	private final Function<String, BigDecimal> tolerance;

	public Representations(Function<String, ZoneId> zones, Function<String, BigDecimal> tolerance) {
		this.zones = zones;
		this.tolerance = tolerance;
	}

	Map<String, Object> summary(ProductionOrder order) {
		ZoneId zone = this.zones.apply(order.plant());
		Map<String, Object> json = header(order);
		json.put("status", OrderStatus.of(order.progress()).name());
		json.put("markedForDeletion", order.progress().markedForDeletion());
		json.put("locked", order.progress().locked());
		json.put("plannedQuantity", order.planned().value());
		json.put("confirmedYieldQuantity", order.confirmedYield().value());
		json.put("unit", order.planned().unit().code());
		json.put("plannedStart", at(order.schedule().plannedStart(), zone));
		json.put("plannedEnd", at(order.schedule().plannedEnd(), zone));
		json.put("lastChangedAt", at(order.lastChanged()));
		return json;
	}

	// The material's description is the material master's, never the order's own text.
	Map<String, Object> detail(OrderQueries.OrderDetail detail) {
		ProductionOrder order = detail.order();
		ZoneId zone = this.zones.apply(order.plant());
		Map<String, Object> json = header(order);
		json.put("materialDescription", detail.materialDescription());
		json.put("productionVersion", order.productionVersion());
		json.put("status", OrderStatus.of(order.progress()).name());
		json.put("markedForDeletion", order.progress().markedForDeletion());
		json.put("locked", order.progress().locked());
		Map<String, Object> quantities = new LinkedHashMap<>();
		quantities.put("planned", order.planned().value());
		quantities.put("plannedScrap", order.plannedScrap().value());
		quantities.put("confirmedYield", order.confirmedYield().value());
		quantities.put("confirmedScrap", order.confirmedScrap().value());
		quantities.put("delivered", order.delivered().value());
		quantities.put("unit", order.planned().unit().code());
		quantities.put("overDeliveryTolerancePercent", this.tolerance.apply(order.plant()));
		json.put("quantities", quantities);
		json.put("schedule", schedule(order, zone));
		json.put("components", order.components().stream().map(this::component).toList());
		Map<String, Object> routing = new LinkedHashMap<>();
		routing.put("routingGroup", order.routingGroup());
		routing.put("operations",
				order.operations().stream().map((operation) -> operation(order, operation, zone)).toList());
		json.put("routing", routing);
		json.put("lastChangedAt", at(order.lastChanged()));
		return json;
	}

	// What identifies an order, the same in every shape and version.
	private static Map<String, Object> header(ProductionOrder order) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("orderId", order.id());
		json.put("orderType", order.orderType());
		json.put("plant", order.plant());
		json.put("material", order.material());
		return json;
	}

	private static Map<String, Object> schedule(ProductionOrder order, ZoneId zone) {
		Map<String, Object> schedule = new LinkedHashMap<>();
		schedule.put("plannedStart", at(order.schedule().plannedStart(), zone));
		schedule.put("plannedEnd", at(order.schedule().plannedEnd(), zone));
		schedule.put("scheduledStart", day(order.schedule().scheduledStart(), zone));
		schedule.put("scheduledEnd", day(order.schedule().scheduledEnd(), zone));
		schedule.put("releasedAt", day(order.schedule().releasedOn(), zone));
		return schedule;
	}

	private Map<String, Object> component(MaterialRequirement component) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("reservationItem", component.item());
		json.put("material", component.material());
		json.put("plant", component.plant());
		json.put("storageLocation", component.storageLocation());
		json.put("batch", component.batch());
		json.put("requiredQuantity", component.required().value());
		json.put("withdrawnQuantity", component.withdrawn().value());
		json.put("confirmedAvailableQuantity", component.confirmedAvailable().value());
		json.put("unit", component.required().unit().code());
		json.put("requirementDate", component.requirementDate());
		json.put("finallyIssued", component.finallyIssued());
		return json;
	}

	private Map<String, Object> operation(ProductionOrder order, Operation operation, ZoneId zone) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("operation", operation.number());
		json.put("description", operation.description());
		json.put("workCenter", operation.workCenter());
		json.put("status", OrderStatus.of(operation));
		json.put("plannedQuantity", operation.planned().value());
		json.put("confirmedYieldQuantity", operation.confirmedYield().value());
		json.put("confirmedScrapQuantity", operation.confirmedScrap().value());
		json.put("unit", operation.planned().unit().code());
		json.put("plannedStart", (operation.earliestStart() != null) ? day(operation.earliestStart(), zone)
				: at(order.schedule().plannedStart(), zone));
		json.put("plannedEnd", (operation.earliestEnd() != null) ? day(operation.earliestEnd(), zone)
				: at(order.schedule().plannedEnd(), zone));
		return json;
	}

	Map<String, Object> confirmation(Confirmation confirmation, String plant) {
		ZoneId zone = this.zones.apply(plant);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("confirmationId", confirmation.id());
		json.put("orderId", confirmation.orderId());
		json.put("operation", confirmation.operation());
		json.put("yieldQuantity", confirmation.yield().value());
		json.put("scrapQuantity", confirmation.scrap().value());
		json.put("unit", confirmation.yield().unit().code());
		json.put("finalConfirmation", confirmation.finalConfirmation());
		json.put("executionStart", at(confirmation.executionStart(), zone));
		json.put("executionEnd", at(confirmation.executionEnd(), zone));
		json.put("postingDate", confirmation.postingDate());
		json.put("postedAt", at((confirmation.enteredAt() != null) ? confirmation.enteredAt() : Instant.EPOCH));
		json.put("reversed", confirmation.reversed());
		return json;
	}

	// --- v2: quantities travel with their unit, the status with its qualifiers

	Map<String, Object> summaryV2(ProductionOrder order) {
		ZoneId zone = this.zones.apply(order.plant());
		Map<String, Object> json = header(order);
		json.put("status", status(order, zone));
		Map<String, Object> quantities = new LinkedHashMap<>();
		quantities.put("planned", quantity(order.planned()));
		quantities.put("confirmedYield", quantity(order.confirmedYield()));
		json.put("quantities", quantities);
		json.put("plannedStart", at(order.schedule().plannedStart(), zone));
		json.put("plannedEnd", at(order.schedule().plannedEnd(), zone));
		json.put("lastChangedAt", at(order.lastChanged()));
		return json;
	}

	Map<String, Object> detailV2(OrderQueries.OrderDetail detail) {
		ProductionOrder order = detail.order();
		ZoneId zone = this.zones.apply(order.plant());
		Map<String, Object> json = header(order);
		json.put("materialDescription", detail.materialDescription());
		json.put("productionVersion", order.productionVersion());
		json.put("status", status(order, zone));
		Map<String, Object> quantities = new LinkedHashMap<>();
		quantities.put("planned", quantity(order.planned()));
		quantities.put("plannedScrap", quantity(order.plannedScrap()));
		quantities.put("confirmedYield", quantity(order.confirmedYield()));
		quantities.put("confirmedScrap", quantity(order.confirmedScrap()));
		quantities.put("delivered", quantity(order.delivered()));
		quantities.put("overDeliveryTolerancePercent", this.tolerance.apply(order.plant()));
		json.put("quantities", quantities);
		json.put("schedule", schedule(order, zone));
		json.put("components", order.components().stream().map(Representations::componentV2).toList());
		Map<String, Object> routing = new LinkedHashMap<>();
		routing.put("routingGroup", order.routingGroup());
		routing.put("operations",
				order.operations().stream().map((operation) -> operationV2(order, operation, zone)).toList());
		json.put("routing", routing);
		json.put("lastChangedAt", at(order.lastChanged()));
		return json;
	}

	Map<String, Object> confirmationV2(Confirmation confirmation, String plant) {
		ZoneId zone = this.zones.apply(plant);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("confirmationId", confirmation.id());
		json.put("orderId", confirmation.orderId());
		json.put("operation", confirmation.operation());
		json.put("yield", quantity(confirmation.yield()));
		json.put("scrap", quantity(confirmation.scrap()));
		json.put("finalConfirmation", confirmation.finalConfirmation());
		json.put("executionStart", at(confirmation.executionStart(), zone));
		json.put("executionEnd", at(confirmation.executionEnd(), zone));
		json.put("postingDate", confirmation.postingDate());
		json.put("postedAt", at((confirmation.enteredAt() != null) ? confirmation.enteredAt() : Instant.EPOCH));
		json.put("reversed", confirmation.reversed());
		return json;
	}

	/**
	 * The data of an {@code order-confirmed} event (events/production-orders/v1.yaml,
	 * {@code OrderConfirmedData}).
	 * @param confirmed the booked confirmation with its order's plant and material
	 * @param varianceReason the reason the client gave, or null
	 * @param idempotencyKey the client's key
	 * @param correlationId the call's correlation id
	 * @param postedAt when it was posted ({@link #postedAt}), also the event's time
	 * @return the event's data
	 */
	Map<String, Object> confirmedEvent(ConfirmOrder.Confirmed confirmed, String varianceReason, String idempotencyKey,
			String correlationId, Instant postedAt) {
		Confirmation confirmation = confirmed.confirmation();
		ZoneId zone = this.zones.apply(confirmed.plant());
		String[] id = confirmation.id().split("-", 2);
		if (id.length != 2) {
			throw new IllegalStateException("A confirmation id without its counter: " + confirmation.id());
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("confirmationId", confirmation.id());
		json.put("confirmationGroup", id[0]);
		json.put("confirmationCounter", id[1]);
		json.put("orderId", confirmation.orderId());
		json.put("plant", confirmed.plant());
		json.put("material", confirmed.material());
		json.put("operation", confirmation.operation());
		json.put("yield", quantity(confirmation.yield()));
		json.put("scrap", quantity(confirmation.scrap()));
		json.put("finalConfirmation", confirmation.finalConfirmation());
		json.put("executionStart", at(confirmation.executionStart(), zone));
		json.put("executionEnd", at(confirmation.executionEnd(), zone));
		json.put("postingDate", confirmation.postingDate());
		json.put("postedAt", at(postedAt));
		json.put("varianceReason", varianceReason);
		json.put("idempotencyKey", idempotencyKey);
		json.put("correlationId", correlationId);
		return json;
	}

	/**
	 * When a confirmation was posted: the ERP's entry time, or now when the ERP gave none
	 * (the event's {@code ce_time} and its {@code postedAt} are the same).
	 * @param confirmation the confirmation just booked
	 * @return the time
	 */
	Instant postedAt(Confirmation confirmation) {
		return (confirmation.enteredAt() != null) ? confirmation.enteredAt() : Instant.now();
	}

	// The ERP records the day of the release only; other statuses carry no date.
	private static Map<String, Object> status(ProductionOrder order, ZoneId zone) {
		OrderStatus code = OrderStatus.of(order.progress());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("code", code.name());
		json.put("since", (code == OrderStatus.RELEASED) ? day(order.schedule().releasedOn(), zone) : null);
		json.put("markedForDeletion", order.progress().markedForDeletion());
		json.put("locked", order.progress().locked());
		return json;
	}

	private static Map<String, Object> componentV2(MaterialRequirement component) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("reservationItem", component.item());
		json.put("material", component.material());
		json.put("plant", component.plant());
		json.put("storageLocation", component.storageLocation());
		json.put("batch", component.batch());
		json.put("required", quantity(component.required()));
		json.put("withdrawn", quantity(component.withdrawn()));
		json.put("confirmedAvailable", quantity(component.confirmedAvailable()));
		json.put("requirementDate", component.requirementDate());
		json.put("finallyIssued", component.finallyIssued());
		return json;
	}

	private Map<String, Object> operationV2(ProductionOrder order, Operation operation, ZoneId zone) {
		Map<String, Object> v1 = operation(order, operation, zone);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("operation", operation.number());
		json.put("description", operation.description());
		json.put("workCenter", operation.workCenter());
		json.put("status", OrderStatus.of(operation));
		Map<String, Object> quantities = new LinkedHashMap<>();
		quantities.put("planned", quantity(operation.planned()));
		quantities.put("confirmedYield", quantity(operation.confirmedYield()));
		quantities.put("confirmedScrap", quantity(operation.confirmedScrap()));
		BigDecimal open = operation.planned()
			.value()
			.subtract(operation.confirmedYield().value())
			.subtract(operation.confirmedScrap().value())
			.max(BigDecimal.ZERO);
		quantities.put("open", quantity(new Quantity(open, operation.planned().unit())));
		json.put("quantities", quantities);
		json.put("plannedStart", v1.get("plannedStart"));
		json.put("plannedEnd", v1.get("plannedEnd"));
		return json;
	}

	private static Map<String, Object> quantity(Quantity quantity) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("value", quantity.value());
		json.put("unit", quantity.unit().code());
		return json;
	}

	static Map<String, Object> page(List<Map<String, Object>> items, String nextCursor) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("items", items);
		json.put("nextCursor", nextCursor);
		return json;
	}

	private static OffsetDateTime at(LocalDateTime local, ZoneId zone) {
		return (local != null) ? local.atZone(zone).toOffsetDateTime() : null;
	}

	private static OffsetDateTime day(LocalDate date, ZoneId zone) {
		return (date != null) ? date.atStartOfDay(zone).toOffsetDateTime() : null;
	}

	private static OffsetDateTime at(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
