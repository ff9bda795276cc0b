package org.millgate.shipments;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the shipments service, bound under {@code millgate.shipments}.
 *
 * @param partnerShipTos the ship-to parties registered for each partner (the
 * {@code partner_id} claim of its tokens); a partner not listed sees no shipment
 * @param issuer the issuer every access token must come from
 * @param jwkSetUri where the issuer publishes its signing keys
 * @param audience the audience every access token must name
 * @param cursorSecret the secret signing pagination cursors (at least 32 bytes; the same
 * on every instance); set it through {@code MILLGATE_CURSOR_SECRET}; when empty a random
 * one is made at start and cursors do not survive a restart
 */
@Validated
@ConfigurationProperties("millgate.shipments")
public record ShipmentSettings(Map<String, List<String>> partnerShipTos,
		@DefaultValue("http://localhost:9000") @NotBlank String issuer,
		@DefaultValue("http://localhost:9000/oauth2/jwks") @NotBlank String jwkSetUri,
		@DefaultValue("millgate-api") @NotBlank String audience, @DefaultValue("") String cursorSecret) {

	public ShipmentSettings {
		partnerShipTos = (partnerShipTos != null) ? Map.copyOf(partnerShipTos) : Map.of();
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
