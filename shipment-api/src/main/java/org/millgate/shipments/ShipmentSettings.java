package org.millgate.shipments;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the shipments service, bound under {@code millgate.shipments}.
 *
 * @param partnerShipTos the ship-to parties registered for each partner (the
 * {@code partner_id} claim of its tokens); a partner not listed sees no shipment
 * @param shippingPointPlants the plant each shipping point belongs to; a shipment from a
 * shipping point not listed belongs to no known plant and is shown to no one
 */
@Validated
@ConfigurationProperties("millgate.shipments")
public record ShipmentSettings(Map<String, List<String>> partnerShipTos, Map<String, String> shippingPointPlants) {

	public ShipmentSettings {
		partnerShipTos = (partnerShipTos != null) ? Map.copyOf(partnerShipTos) : Map.of();
		shippingPointPlants = (shippingPointPlants != null) ? Map.copyOf(shippingPointPlants) : Map.of();
	}

	/**
	 * The ship-to parties of a partner.
	 * @param partner the partner
	 * @return its ship-to parties, empty when it is not registered
	 */
	public Set<String> shipTosOf(String partner) {
		return Set.copyOf(this.partnerShipTos.getOrDefault(partner, List.of()));
	}

}
