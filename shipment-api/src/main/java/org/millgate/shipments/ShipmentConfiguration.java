package org.millgate.shipments;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.StockChanges;
import org.millgate.erp.port.StockLevels;
import org.millgate.erp.shipping.ShippingPoints;
import org.millgate.shipments.tracking.ShipmentTracking;

/**
 * Wires the product: shipment tracking over the ERP ports. Security, problems, cursors,
 * the contract check and the contract route come from the product-web starter.
 */
@Configuration(proxyBeanMethods = false)
class ShipmentConfiguration {

	@Bean
	ShipmentTracking shipmentTracking(Deliveries deliveries, StockLevels stock, StockChanges stockChanges,
			Materials materials, ShipmentSettings settings) {
		return new ShipmentTracking(deliveries, stock, stockChanges, materials,
				new ShippingPoints(settings.shippingPointPlants()), settings::shipTosOf);
	}

}
