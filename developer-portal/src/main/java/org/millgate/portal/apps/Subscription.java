package org.millgate.portal.apps;

import java.time.Instant;

/**
 * An app's subscription to a product on a plan.
 *
 * @param id its id
 * @param appId the app
 * @param product the product id
 * @param plan the plan
 * @param state {@code PENDING}, {@code APPROVED} or {@code REJECTED}
 * @param requestedBy who asked
 * @param requestedAt when
 * @param decidedBy who approved or rejected it, or null
 * @param decidedAt when, or null
 */
public record Subscription(String id, String appId, String product, String plan, String state, String requestedBy,
		Instant requestedAt, String decidedBy, Instant decidedAt) {

	public static final String PENDING = "PENDING";

	public static final String APPROVED = "APPROVED";

	public static final String REJECTED = "REJECTED";

	public boolean approved() {
		return APPROVED.equals(this.state);
	}

	public boolean pending() {
		return PENDING.equals(this.state);
	}

}
