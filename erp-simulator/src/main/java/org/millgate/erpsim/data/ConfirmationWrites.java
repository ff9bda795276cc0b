package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.millgate.erpsim.odata.ODataException;

/**
 * Posting and cancelling production order confirmations, as the ERP books them: checks
 * against the order and operation (a released or partially released order, a released
 * operation), numbering within the order's confirmation group, totals on the operation
 * and the order, and refusal of a second confirmation carrying the same
 * {@code ExternalSystemConfirmation}, as a dedupe-aware ERP does.
 */
public final class ConfirmationWrites {

	private final ErpData data;

	private final Clock clock;

	private final OrderWrites orders;

	private final MaterialDocumentWrites movements;

	public ConfirmationWrites(ErpData data, Clock clock) {
		this.data = data;
		this.clock = clock;
		this.orders = new OrderWrites(data, clock);
		this.movements = new MaterialDocumentWrites(data, clock);
	}

	/**
	 * Posts a confirmation.
	 * @param given the columns the client sent
	 * @param user the user posting it
	 * @return the stored confirmation row
	 */
	public Map<String, Object> post(Map<String, Object> given, String user) {
		synchronized (this.data) {
			String order = text(given, "OrderID");
			String operation = text(given, "OrderOperation");
			Map<String, Object> header = this.orders.order(order);
			// As in SAP, a partially released order takes confirmations of its released
			// operations.
			boolean released = Boolean.TRUE.equals(header.get("OrderIsReleased"))
					|| Boolean.TRUE.equals(header.get("OrderIsPartiallyReleased"));
			if (!released || Boolean.TRUE.equals(header.get("OrderIsTechnicallyCompleted"))
					|| Boolean.TRUE.equals(header.get("OrderIsLocked"))) {
				throw new ODataException(400, "RU/101", "Order " + order + " is not released for confirmation");
			}
			Map<String, Object> op = operation(order, operation);
			if (!Boolean.TRUE.equals(op.get("OperationIsReleased"))) {
				throw new ODataException(400, "RU/101",
						"Operation " + operation + " of order " + order + " is not released for confirmation");
			}
			Object external = given.get("ExternalSystemConfirmation");
			if (external != null && confirmations().stream()
				.anyMatch((row) -> external.equals(row.get("ExternalSystemConfirmation")))) {
				throw new ODataException(409, "RU/505",
						"A confirmation with external ID " + external + " has already been posted");
			}
			BigDecimal yield = decimal(given, "ConfirmationYieldQuantity");
			BigDecimal scrap = decimal(given, "ConfirmationScrapQuantity");
			String unit = Objects.toString(given.get("ConfirmationUnit"), "");
			if (!unit.isEmpty() && !unit.equals(op.get("OperationUnit"))) {
				throw new ODataException(400, "RU/302", "Unit " + unit + " is not the unit of operation " + operation);
			}
			if (yield.signum() < 0 || scrap.signum() < 0 || yield.add(scrap).signum() == 0) {
				throw new ODataException(400, "RU/150", "Enter a yield or scrap quantity greater than zero");
			}
			boolean last = "X".equals(given.get("FinalConfirmationType"))
					|| Boolean.TRUE.equals(given.get("IsFinalConfirmation"));
			Map<String, Object> row = row(given, header, op, yield, scrap, last, user);
			this.data.table("Confirmation").insert(row);
			book(order, operation, yield, scrap, last);
			postGoodsMovements(header, operation, yield, scrap, user);
			return row;
		}
	}

	/**
	 * Cancels a confirmation: marks it reversed, posts the reversal and takes its
	 * quantities back.
	 * @param group the confirmation group
	 * @param count the confirmation counter
	 * @return the reversal row
	 */
	public Map<String, Object> cancel(String group, String count) {
		synchronized (this.data) {
			Map<String, Object> original = confirmations().stream()
				.filter((row) -> group.equals(row.get("ConfirmationGroup"))
						&& count.equals(row.get("ConfirmationCount")))
				.findFirst()
				.orElseThrow(() -> ODataException.notFound("Confirmation " + group + "/" + count + " does not exist"));
			if (Boolean.TRUE.equals(original.get("IsReversed")) || Boolean.TRUE.equals(original.get("IsReversal"))) {
				throw new ODataException(400, "RU/210",
						"Confirmation " + group + "/" + count + " is already cancelled");
			}
			this.data.table("Confirmation")
				.update((row) -> row == original, (row) -> OrderWrites.with(row, Map.of("IsReversed", true)));
			Map<String, Object> reversal = new LinkedHashMap<>(original);
			reversal.put("ConfirmationCount", nextCount(group));
			reversal.put("IsReversal", true);
			reversal.put("ExternalSystemConfirmation", null);
			reversal.put("ConfirmationEntryDateTime", OffsetDateTime.now(this.clock));
			this.data.table("Confirmation").insert(reversal);
			book((String) original.get("OrderID"), (String) original.get("OrderOperation"),
					((BigDecimal) original.get("ConfirmationYieldQuantity")).negate(),
					((BigDecimal) original.get("ConfirmationScrapQuantity")).negate(), false);
			return reversal;
		}
	}

	private Map<String, Object> row(Map<String, Object> given, Map<String, Object> header, Map<String, Object> op,
			BigDecimal yield, BigDecimal scrap, boolean last, String user) {
		String order = (String) header.get("ManufacturingOrder");
		String group = confirmations().stream()
			.filter((row) -> order.equals(row.get("OrderID")))
			.map((row) -> (String) row.get("ConfirmationGroup"))
			.findFirst()
			.orElseGet(this::nextGroup);
		LocalDateTime now = LocalDateTime.now(this.clock);
		Map<String, Object> row = new LinkedHashMap<>();
		for (String column : List.of("ConfirmationGroup", "ConfirmationCount", "OrderID", "OrderOperation", "Sequence",
				"Material", "Plant", "WorkCenter", "ConfirmationUnit", "ConfirmationYieldQuantity",
				"ConfirmationScrapQuantity", "ConfirmationReworkQuantity", "FinalConfirmationType",
				"IsFinalConfirmation", "IsReversed", "IsReversal", "PostingDate", "ConfirmedExecutionStartDate",
				"ConfirmedExecutionStartTime", "ConfirmedExecutionEndDate", "ConfirmedExecutionEndTime",
				"VarianceReasonCode", "ConfirmationText", "ExternalSystemConfirmation", "EnteredByUser",
				"ConfirmationEntryDateTime")) {
			row.put(column, given.getOrDefault(column, ""));
		}
		row.put("ConfirmationGroup", group);
		row.put("ConfirmationCount", nextCount(group));
		row.put("Sequence", "0");
		row.put("Material", header.get("Material"));
		row.put("Plant", header.get("ProductionPlant"));
		row.put("WorkCenter", op.get("WorkCenter"));
		row.put("ConfirmationUnit", op.get("OperationUnit"));
		row.put("ConfirmationYieldQuantity", yield);
		row.put("ConfirmationScrapQuantity", scrap);
		row.put("ConfirmationReworkQuantity", decimal(given, "ConfirmationReworkQuantity"));
		row.put("FinalConfirmationType", last ? "X" : "");
		row.put("IsFinalConfirmation", last);
		row.put("IsReversed", false);
		row.put("IsReversal", false);
		row.putIfAbsent("PostingDate", null);
		if (!(given.get("PostingDate") instanceof LocalDateTime)) {
			row.put("PostingDate", now.toLocalDate().atStartOfDay());
		}
		for (String column : List.of("ConfirmedExecutionStartDate", "ConfirmedExecutionStartTime",
				"ConfirmedExecutionEndDate", "ConfirmedExecutionEndTime", "ExternalSystemConfirmation")) {
			row.put(column, given.get(column));
		}
		row.put("EnteredByUser", user.toUpperCase(Locale.ROOT));
		row.put("ConfirmationEntryDateTime", OffsetDateTime.now(this.clock));
		return row;
	}

	// Operation totals, then the order: its confirmed quantities are those of its last
	// operation, and it is confirmed when every operation is.
	private void book(String order, String operation, BigDecimal yield, BigDecimal scrap, boolean last) {
		this.data.table("ProductionOrderOperation")
			.update((row) -> order.equals(row.get("ManufacturingOrder"))
					&& operation.equals(row.get("ManufacturingOrderOperation")), (row) -> {
						BigDecimal newYield = ((BigDecimal) row.get("OpTotalConfirmedYieldQty")).add(yield);
						BigDecimal newScrap = ((BigDecimal) row.get("OpTotalConfirmedScrapQty")).add(scrap);
						boolean any = newYield.add(newScrap).signum() > 0;
						boolean done = any && (last || Boolean.TRUE.equals(row.get("OperationIsConfirmed")));
						return OrderWrites.with(row,
								Map.of("OpTotalConfirmedYieldQty", newYield, "OpTotalConfirmedScrapQty", newScrap,
										"OperationIsConfirmed", done, "OperationIsPartiallyConfirmed", any && !done));
					});
		List<Map<String, Object>> operations = operations(order);
		Map<String, Object> lastOperation = operations.get(operations.size() - 1);
		boolean allConfirmed = operations.stream()
			.allMatch((row) -> Boolean.TRUE.equals(row.get("OperationIsConfirmed")));
		boolean anyConfirmed = operations.stream()
			.anyMatch((row) -> ((BigDecimal) row.get("OpTotalConfirmedYieldQty")).signum() > 0
					|| ((BigDecimal) row.get("OpTotalConfirmedScrapQty")).signum() > 0);
		this.orders.change(order,
				Map.of("MfgOrderConfirmedYieldQty", lastOperation.get("OpTotalConfirmedYieldQty"),
						"MfgOrderConfirmedScrapQty", lastOperation.get("OpTotalConfirmedScrapQty"), "OrderIsConfirmed",
						allConfirmed, "OrderIsPartiallyConfirmed", anyConfirmed && !allConfirmed));
		Statuses.remove(this.data, order, "I0010");
		Statuses.remove(this.data, order, "I0009");
		if (anyConfirmed) {
			Statuses.add(this.data, order, allConfirmed ? "I0009" : "I0010");
		}
	}

	// What a confirmation with backflush and automatic goods receipt posts: the
	// components
	// of the operation are issued to the order (261) in proportion to the quantity
	// produced, and the yield of the order's last operation is received (101) into the
	// order's storage location. A component whose stock does not suffice, or that needs a
	// batch nobody chose, is left for postprocessing, as SAP leaves it (COGI): the
	// confirmation stands.
	private void postGoodsMovements(Map<String, Object> header, String operation, BigDecimal yield, BigDecimal scrap,
			String user) {
		String order = (String) header.get("ManufacturingOrder");
		BigDecimal total = (BigDecimal) header.get("TotalQuantity");
		List<Map<String, Object>> items = new ArrayList<>();
		for (Map<String, Object> component : this.data.table("ReservationItem").rows()) {
			if (!order.equals(component.get("ManufacturingOrder"))
					|| !operation.equals(component.get("ManufacturingOrderOperation"))
					|| !"".equals(component.get("Batch")) || total == null || total.signum() == 0) {
				continue;
			}
			BigDecimal quantity = ((BigDecimal) component.get("RequiredQuantity")).multiply(yield.add(scrap))
				.divide(total, 3, RoundingMode.HALF_UP);
			if (quantity.signum() > 0) {
				items.add(new LinkedHashMap<>(Map.of("Material", component.get("Material"), "Plant",
						component.get("Plant"), "StorageLocation", component.get("StorageLocation"), "Batch", "",
						"GoodsMovementType", "261", "ManufacturingOrder", order, "Reservation",
						component.get("Reservation"), "ReservationItem", component.get("ReservationItem"), "EntryUnit",
						component.get("BaseUnit"), "QuantityInEntryUnit", quantity)));
			}
		}
		List<Map<String, Object>> operations = operations(order);
		boolean lastOperation = operation
			.equals(operations.get(operations.size() - 1).get("ManufacturingOrderOperation"));
		if (lastOperation && yield.signum() > 0) {
			String material = (String) header.get("Material");
			boolean batches = this.data.table("ProductPlant")
				.rows()
				.stream()
				.anyMatch((row) -> material.equals(row.get("Product"))
						&& header.get("ProductionPlant").equals(row.get("Plant"))
						&& Boolean.TRUE.equals(row.get("IsBatchManagementRequired")));
			items.add(new LinkedHashMap<>(Map.of("Material", material, "Plant", header.get("ProductionPlant"),
					"StorageLocation", header.get("StorageLocation"), "Batch",
					batches ? ("P" + order).substring(0, Math.min(10, order.length() + 1)) : "", "GoodsMovementType",
					"101", "ManufacturingOrder", order, "EntryUnit", header.get("ProductionUnit"),
					"QuantityInEntryUnit", yield)));
		}
		if (items.isEmpty()) {
			return;
		}
		try {
			this.movements.post(Map.of(), items, user);
		}
		catch (ODataException whole) {
			for (Map<String, Object> item : items) {
				try {
					this.movements.post(Map.of(), List.of(item), user);
				}
				catch (ODataException ex) {
					// left for postprocessing
				}
			}
		}
	}

	private Map<String, Object> operation(String order, String operation) {
		return operations(order).stream()
			.filter((row) -> operation.equals(row.get("ManufacturingOrderOperation")))
			.findFirst()
			.orElseThrow(() -> new ODataException(400, "RU/120",
					"Operation " + operation + " does not exist in order " + order));
	}

	private List<Map<String, Object>> operations(String order) {
		return this.data.table("ProductionOrderOperation")
			.rows()
			.stream()
			.filter((row) -> order.equals(row.get("ManufacturingOrder")))
			.sorted(Comparator.comparing((row) -> (String) row.get("ManufacturingOrderOperation")))
			.toList();
	}

	private List<Map<String, Object>> confirmations() {
		return this.data.table("Confirmation").rows();
	}

	private String nextGroup() {
		long max = confirmations().stream()
			.mapToLong((row) -> Long.parseLong((String) row.get("ConfirmationGroup")))
			.max()
			.orElse(0);
		return String.format("%010d", max + 1);
	}

	private String nextCount(String group) {
		long max = confirmations().stream()
			.filter((row) -> group.equals(row.get("ConfirmationGroup")))
			.mapToLong((row) -> Long.parseLong((String) row.get("ConfirmationCount")))
			.max()
			.orElse(0);
		// NUMC(8), as SAP stores it.
		return String.format("%08d", max + 1);
	}

	private static String text(Map<String, Object> given, String column) {
		Object value = given.get(column);
		if (!(value instanceof String text) || text.isBlank()) {
			throw new ODataException(400, "RU/100", "Property '" + column + "' is required");
		}
		return text;
	}

	private static BigDecimal decimal(Map<String, Object> given, String column) {
		Object value = given.get(column);
		return (value instanceof BigDecimal number) ? number : BigDecimal.ZERO;
	}

}
