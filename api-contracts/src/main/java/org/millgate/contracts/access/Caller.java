package org.millgate.contracts.access;

import java.util.Map;
import java.util.Set;

/**
 * Who calls, as the claims of a verified access token describe it; the one reading of
 * those claims for the gateway and every product.
 *
 * <p>
 * <b>Plants.</b> The {@code plants} claim lists the plants whose data the caller may see,
 * as a JSON array or a space-separated text. A token without the claim, or with an empty
 * or malformed one, sees no plant's data. The one exception is a partner token (one with
 * {@code partner_id}) in a product whose reach its partner decides (shipments: the
 * partner's ship-to parties): without a {@code plants} claim it is not limited by plant
 * there, see {@link #limitedByPlants()}. The contracts say the same.
 *
 * @param issuer the token's issuer, {@code -} when it names none
 * @param clientId the OAuth2 client ({@code client_id}, else {@code sub})
 * @param plan the plan the client subscribed to ({@code plan}, else the default plan)
 * @param partnerId the partner it acts for, or null for a plant or warehouse system
 * @param plants the plants it may see; empty when the token lists none
 * @param limitedByPlants whether the token carries a {@code plants} claim at all
 * @param scopes the granted scopes
 */
public record Caller(String issuer, String clientId, String plan, String partnerId, Set<String> plants,
		boolean limitedByPlants, Set<String> scopes) {

	/** The client id of a token that names none. */
	public static final String NO_CLIENT = "-";

	public Caller {
		plants = Set.copyOf(plants);
		scopes = Set.copyOf(scopes);
	}

	/**
	 * Reads the claims of a verified token of Millgate's identity service
	 * ({@link ClaimMapping#STANDARD}); another issuer's tokens are read by its own
	 * {@link ClaimMapping}.
	 * @param claims the token's claims
	 * @param defaultPlan the plan of a token that names none
	 * @return the caller
	 */
	public static Caller fromClaims(Map<String, Object> claims, String defaultPlan) {
		return ClaimMapping.STANDARD.caller(claims, defaultPlan);
	}

	/**
	 * Whether the caller may see a plant's data: only a plant its token lists.
	 * @param plant the plant
	 * @return true when the {@code plants} claim lists it
	 */
	public boolean sees(String plant) {
		return this.plants.contains(plant);
	}

	/**
	 * Whether its reach is decided by its partner alone: a partner token without a
	 * {@code plants} claim, in products that limit partners by their own parties.
	 * @return true for such a partner token
	 */
	public boolean reachedThroughPartnerOnly() {
		return this.partnerId != null && !this.limitedByPlants;
	}

}
