package org.millgate.reconciliation.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a mismatch is about; the fields that do not apply to its kind are null.
 *
 * @param orderId the production order (confirmations)
 * @param operation its operation (confirmations)
 * @param confirmationId the confirmation, {@code group-counter} (confirmations)
 * @param material the material (stock)
 * @param storageLocation the storage location (stock)
 * @param batch the batch, null when not batch managed (stock)
 * @param stockStatus the stock status, null for {@code STOCK_STATUS} (stock)
 * @param shipmentId the shipment (shipments)
 */
public record Subject(String orderId, String operation, String confirmationId, String material, String storageLocation,
		String batch, String stockStatus, String shipmentId) {

	public static Subject confirmation(String orderId, String operation, String confirmationId) {
		return new Subject(orderId, operation, confirmationId, null, null, null, null, null);
	}

	public static Subject stock(String material, String storageLocation, String batch, String stockStatus) {
		return new Subject(null, null, null, material, storageLocation, batch, stockStatus, null);
	}

	public static Subject shipment(String shipmentId) {
		return new Subject(null, null, null, null, null, null, null, shipmentId);
	}

	/**
	 * As the contract shows it, every field present.
	 * @return the JSON object
	 */
	public Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("orderId", this.orderId);
		json.put("operation", this.operation);
		json.put("confirmationId", this.confirmationId);
		json.put("material", this.material);
		json.put("storageLocation", this.storageLocation);
		json.put("batch", this.batch);
		json.put("stockStatus", this.stockStatus);
		json.put("shipmentId", this.shipmentId);
		return json;
	}

	/**
	 * Reads the JSON object {@link #json()} wrote.
	 * @param json the object
	 * @return the subject
	 */
	public static Subject of(Map<String, Object> json) {
		return new Subject(text(json, "orderId"), text(json, "operation"), text(json, "confirmationId"),
				text(json, "material"), text(json, "storageLocation"), text(json, "batch"), text(json, "stockStatus"),
				text(json, "shipmentId"));
	}

	private static String text(Map<String, Object> json, String name) {
		Object value = json.get(name);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The key of the integration event about it: the business object,
	 * {@code <kind>/<id>}.
	 * @param plant the plant
	 * @return e.g. {@code material/1000/RM-200}
	 */
	public String eventKey(String plant) {
		if (this.orderId != null) {
			return "production-order/" + this.orderId;
		}
		if (this.shipmentId != null) {
			return "shipment/" + this.shipmentId;
		}
		return "material/" + plant + "/" + this.material;
	}

}
