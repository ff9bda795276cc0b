package org.millgate.inventory;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the inventory service, bound under {@code millgate.inventory}.
 *
 * @param productionSupply the storage locations of each plant that supply production;
 * their unrestricted stock is {@code productionConsumable}
 */
@Validated
@ConfigurationProperties("millgate.inventory")
public record InventorySettings(Map<String, List<String>> productionSupply) {

	public InventorySettings {
		productionSupply = (productionSupply != null) ? Map.copyOf(productionSupply) : Map.of();
	}

	/**
	 * The production supply storage locations of a plant.
	 * @param plant the plant
	 * @return its storage locations, empty when none is configured
	 */
	public List<String> productionSupplyOf(String plant) {
		return this.productionSupply.getOrDefault(plant, List.of());
	}

}
