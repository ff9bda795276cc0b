package org.millgate.inventory.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The client behind a request, as its access token describes it.
 *
 * @param clientId the OAuth2 client
 * @param plants the plants whose data it may see
 * @param partnerId the partner it acts for, or null
 */
public record Caller(String clientId, Set<String> plants, String partnerId) {

	public Caller {
		plants = Set.copyOf(plants);
	}

	/**
	 * Reads the claims of a validated token. {@code plants} may be a list or a
	 * space-separated text.
	 * @param jwt the token
	 * @return the caller
	 */
	public static Caller of(Jwt jwt) {
		Object claim = jwt.getClaims().get("plants");
		Set<String> plants = new LinkedHashSet<>();
		if (claim instanceof Collection<?> values) {
			values.forEach((value) -> plants.add(String.valueOf(value)));
		}
		else if (claim instanceof String text && !text.isBlank()) {
			plants.addAll(List.of(text.trim().split("\\s+")));
		}
		String client = jwt.getClaimAsString("client_id");
		return new Caller((client != null) ? client : jwt.getSubject(), plants, jwt.getClaimAsString("partner_id"));
	}

	/**
	 * Whether the caller may see a plant's data.
	 * @param plant the plant
	 * @return true when the token lists it
	 */
	public boolean sees(String plant) {
		return this.plants.contains(plant);
	}

}
