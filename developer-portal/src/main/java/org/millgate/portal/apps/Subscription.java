package org.millgate.portal.apps;

import java.time.Instant;
import java.util.List;

/**
 * An app's subscription to a product on a plan, with what it grants once approved: the
 * scopes an API owner approved and the plants granted with them.
 *
 * @param id its id
 * @param appId the app
 * @param product the product id
 * @param plan the plan
 * @param state {@code PENDING}, {@code APPROVED}, {@code REJECTED} or {@code REVOKED}
 * @param requestedBy who asked
 * @param requestedAt when
 * @param decidedBy who last approved, rejected or revoked it, or null
 * @param decidedAt when, or null
 * @param plants the plants granted with it, sorted; empty for none
 * @param scopes the scopes approved, in the catalog's order; empty unless approved
 */
public record Subscription(String id, String appId, String product, String plan, String state, String requestedBy,
		Instant requestedAt, String decidedBy, Instant decidedAt, List<String> plants, List<String> scopes) {

	public static final String PENDING = "PENDING";

	public static final String APPROVED = "APPROVED";

	public static final String REJECTED = "REJECTED";

	public static final String REVOKED = "REVOKED";

	public Subscription {
		plants = List.copyOf(plants);
		scopes = List.copyOf(scopes);
	}

	public boolean approved() {
		return APPROVED.equals(this.state);
	}

	public boolean pending() {
		return PENDING.equals(this.state);
	}

	/**
	 * Whether it holds its product for the app: pending or approved (a rejected or
	 * revoked one may be asked for again).
	 * @return true when pending or approved
	 */
	public boolean active() {
		return pending() || approved();
	}

	Subscription approvedWith(List<String> plants, List<String> scopes) {
		return new Subscription(this.id, this.appId, this.product, this.plan, APPROVED, this.requestedBy,
				this.requestedAt, this.decidedBy, this.decidedAt, plants, scopes);
	}

	Subscription withPlants(List<String> plants) {
		return new Subscription(this.id, this.appId, this.product, this.plan, this.state, this.requestedBy,
				this.requestedAt, this.decidedBy, this.decidedAt, plants, this.scopes);
	}

	Subscription asRevoked() {
		return new Subscription(this.id, this.appId, this.product, this.plan, REVOKED, this.requestedBy,
				this.requestedAt, this.decidedBy, this.decidedAt, this.plants, List.of());
	}

}
