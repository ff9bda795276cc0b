package org.millgate.erpsim.data;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.millgate.erpsim.odata.Etags;
import org.millgate.erpsim.odata.ODataException;

/**
 * What the ERP does to a production order: release it (or one operation), complete it
 * technically, close it, flag it for deletion, change a few planning fields. Each refusal
 * is an {@link ODataException} with an SAP-style message.
 */
public final class OrderWrites {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	/** Columns a PATCH may change; everything else is maintained by the ERP. */
	static final Set<String> CHANGEABLE = Set.of("ManufacturingOrderText", "MfgOrderPlannedStartDate",
			"MfgOrderPlannedEndDate", "TotalQuantity", "ProductionVersion", "StorageLocation");

	private final ErpData data;

	private final Clock clock;

	public OrderWrites(ErpData data, Clock clock) {
		this.data = data;
		this.clock = clock;
	}

	/**
	 * Releases an order and its operations.
	 * @param order the order number
	 * @return the success message text
	 */
	public String release(String order) {
		synchronized (this.data) {
			Map<String, Object> row = order(order);
			refuseIf(row, "OrderIsMarkedForDeletion", "Order " + order + " is flagged for deletion");
			refuseIf(row, "OrderIsLocked", "Order " + order + " is locked");
			refuseIf(row, "OrderIsTechnicallyCompleted", "Order " + order + " is technically completed");
			refuseIf(row, "OrderIsReleased", "Order " + order + " is already released");
			LocalDateTime now = LocalDateTime.now(this.clock);
			change(order, Map.of("OrderIsReleased", true, "OrderIsPartiallyReleased", false,
					"MfgOrderActualReleaseDate", now.toLocalDate().atStartOfDay()));
			this.data.table("ProductionOrderOperation")
				.update((operation) -> order.equals(operation.get("ManufacturingOrder")),
						(operation) -> with(operation, Map.of("OperationIsReleased", true)));
			Statuses.replace(this.data, order, "I0001", "I0002");
			return "Order " + order + " released";
		}
	}

	/**
	 * Releases one operation; the order becomes partially released.
	 * @param order the order number
	 * @param operation the operation number, e.g. {@code 0010}
	 * @return the success message text
	 */
	public String releaseOperation(String order, String operation) {
		synchronized (this.data) {
			Map<String, Object> row = order(order);
			refuseIf(row, "OrderIsTechnicallyCompleted", "Order " + order + " is technically completed");
			int changed = this.data.table("ProductionOrderOperation")
				.update((candidate) -> order.equals(candidate.get("ManufacturingOrder"))
						&& operation.equals(candidate.get("ManufacturingOrderOperation")),
						(candidate) -> with(candidate, Map.of("OperationIsReleased", true)));
			if (changed == 0) {
				throw ODataException.notFound("Operation " + operation + " does not exist in order " + order);
			}
			if (!Boolean.TRUE.equals(row.get("OrderIsReleased"))) {
				change(order, Map.of("OrderIsPartiallyReleased", true));
			}
			return "Operation " + operation + " of order " + order + " released";
		}
	}

	/**
	 * Sets an order technically complete.
	 * @param order the order number
	 * @return the success message text
	 */
	public String completeTechnically(String order) {
		synchronized (this.data) {
			Map<String, Object> row = order(order);
			refuseIf(row, "OrderIsTechnicallyCompleted", "Order " + order + " is already technically completed");
			change(order, Map.of("OrderIsTechnicallyCompleted", true));
			Statuses.add(this.data, order, "I0045");
			return "Order " + order + " technically completed";
		}
	}

	/**
	 * Closes a technically completed order.
	 * @param order the order number
	 * @return the success message text
	 */
	public String close(String order) {
		synchronized (this.data) {
			Map<String, Object> row = order(order);
			refuseIf(row, "OrderIsClosed", "Order " + order + " is already closed");
			if (!Boolean.TRUE.equals(row.get("OrderIsTechnicallyCompleted"))) {
				throw refusal("Order " + order + " must be technically completed before it is closed");
			}
			change(order, Map.of("OrderIsClosed", true));
			Statuses.add(this.data, order, "I0046");
			return "Order " + order + " closed";
		}
	}

	/**
	 * Flags an order for deletion.
	 * @param order the order number
	 * @return the success message text
	 */
	public String flagForDeletion(String order) {
		synchronized (this.data) {
			Map<String, Object> row = order(order);
			refuseIf(row, "OrderIsMarkedForDeletion", "Order " + order + " is already flagged for deletion");
			change(order, Map.of("OrderIsMarkedForDeletion", true));
			Statuses.add(this.data, order, "I0076");
			return "Deletion flag set for order " + order;
		}
	}

	/**
	 * Changes planning fields of an order.
	 * @param order the order number
	 * @param ifMatch the entity tag the client read, or {@code *}
	 * @param columns column to new value; only {@link #CHANGEABLE} columns
	 */
	public void update(String order, String ifMatch, Map<String, Object> columns) {
		synchronized (this.data) {
			Map<String, Object> row = order(order);
			// Checked under the lock: two updates sent with the same tag cannot both win.
			if (!"*".equals(ifMatch) && !Etags.of(row).equals(ifMatch)) {
				throw new ODataException(412, "/IWBEP/CM_MGW_RT/025",
						"Precondition failed: the entity was changed by someone else");
			}
			columns.keySet()
				.stream()
				.filter((column) -> !CHANGEABLE.contains(column))
				.findFirst()
				.ifPresent((column) -> {
					throw ODataException.badRequest("Property '" + column + "' cannot be changed");
				});
			change(order, columns);
		}
	}

	Map<String, Object> order(String order) {
		return this.data.table("ProductionOrder")
			.rows()
			.stream()
			.filter((row) -> order.equals(row.get("ManufacturingOrder")))
			.findFirst()
			.orElseThrow(() -> ODataException.notFound("Order " + order + " does not exist"));
	}

	// Every change stamps LastChangeDateTime, which the entity tag is made of.
	void change(String order, Map<String, Object> columns) {
		Map<String, Object> changes = new HashMap<>(columns);
		changes.put("LastChangeDateTime", LocalDateTime.now(this.clock).format(STAMP));
		this.data.table("ProductionOrder")
			.update((row) -> order.equals(row.get("ManufacturingOrder")), (row) -> with(row, changes));
	}

	static Map<String, Object> with(Map<String, Object> row, Map<String, Object> changes) {
		Map<String, Object> changed = new HashMap<>(row);
		changed.putAll(changes);
		return changed;
	}

	private static void refuseIf(Map<String, Object> row, String flag, String message) {
		if (Boolean.TRUE.equals(row.get(flag))) {
			throw refusal(message);
		}
	}

	static ODataException refusal(String message) {
		return new ODataException(400, "CO/000", message);
	}

}
