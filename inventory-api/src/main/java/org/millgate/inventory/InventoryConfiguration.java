package org.millgate.inventory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.millgate.erp.config.ErpProperties;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.Reservations;
import org.millgate.erp.port.StockLevels;
import org.millgate.inventory.availability.AvailabilityService;
import org.millgate.inventory.web.InventoryFreshness;

/**
 * Wires the product: availability over the ERP ports. Security, problems, the contract
 * check and the contract route come from the product-web starter.
 */
@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

	@Bean
	AvailabilityService availabilityService(StockLevels stock, Reservations reservations, Materials materials,
			InventorySettings settings) {
		return new AvailabilityService(stock, reservations, materials, settings::productionSupplyOf);
	}

	@Bean
	InventoryFreshness inventoryFreshness(ErpProperties erp) {
		return new InventoryFreshness(erp.cache().stock());
	}

}
