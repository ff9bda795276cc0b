package org.millgate.consumers.wms;

import java.math.BigDecimal;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WMS's handler of the inventory events it consumes from Kafka: it books each
 * movement by its from and to stock statuses, whatever its movement type.
 */
final class WmsEvents {

	static final String STOCK_TRANSFERRED = "dev.millgate.inventory.stock-transferred";

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private WmsEvents() {
	}

	static Movement movement(byte[] value, Map<String, ?> headers) {
		Object type = headers.get("ce_type");
		if (!(type instanceof String name) || !name.startsWith("dev.millgate.inventory.")) {
			throw new IllegalArgumentException("not an inventory event: " + type);
		}
		return JSON.readValue(value, Movement.class);
	}

	record Movement(String plant, String material, String storageLocation, String toStorageLocation, String batch,
			Quantity quantity, String fromStockStatus, String toStockStatus) {

	}

	record Quantity(BigDecimal value, String unit) {

	}

}
