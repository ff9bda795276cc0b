package org.millgate.shipments.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The client behind a request, as its access token describes it.
 *
 * @param clientId the OAuth2 client
 * @param plants the plants whose shipments it may see, or null when the token carries no
 * {@code plants} claim (no plant limit, as the contract says); a claim that is neither a
 * list nor a text sees no plant
 * @param partnerId the partner it acts for, or null for a plant or warehouse system
 */
public record Caller(String clientId, Set<String> plants, String partnerId) {

	public Caller {
		plants = (plants != null) ? Set.copyOf(plants) : null;
	}

	/**
	 * Reads the claims of a validated token. {@code plants} may be a list or a
	 * space-separated text.
	 * @param jwt the token
	 * @return the caller
	 */
	public static Caller of(Jwt jwt) {
		Set<String> plants = null;
		Object claim = jwt.getClaims().get("plants");
		if (claim instanceof Collection<?> values) {
			plants = new LinkedHashSet<>();
			for (Object value : values) {
				plants.add(String.valueOf(value));
			}
		}
		else if (claim instanceof String text) {
			plants = text.isBlank() ? Set.of() : new LinkedHashSet<>(List.of(text.trim().split("\\s+")));
		}
		else if (claim != null) {
			// A claim of another shape is not read as "no limit": it grants no plant.
			plants = Set.of();
		}
		String client = jwt.getClaimAsString("client_id");
		return new Caller((client != null) ? client : jwt.getSubject(), plants, jwt.getClaimAsString("partner_id"));
	}

}
