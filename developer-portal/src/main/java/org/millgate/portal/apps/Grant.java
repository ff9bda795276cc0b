package org.millgate.portal.apps;

import java.util.List;

/**
 * What an app's client at identity carries, and so every token the app gets: the scopes
 * of its approved subscriptions, one {@code plants} claim for all of them, its plan and
 * its partner.
 *
 * @param scopes the scopes; empty when nothing is approved
 * @param plants the plants, sorted; empty for none (a partner's token then has no
 * {@code plants} claim: production orders and inventory show it no plant's data,
 * shipments those of its partner's ship-to parties)
 * @param plan its plan, or null when nothing is approved
 * @param partnerId its partner
 */
public record Grant(List<String> scopes, List<String> plants, String plan, String partnerId) {

	public Grant {
		scopes = List.copyOf(scopes);
		plants = List.copyOf(plants);
	}

	static Grant none(String partnerId) {
		return new Grant(List.of(), List.of(), null, partnerId);
	}

	/**
	 * Whether it grants nothing (no approved subscription).
	 * @return true without scopes
	 */
	public boolean none() {
		return this.scopes.isEmpty();
	}

	/**
	 * One line for the pages and the audit log.
	 * @return e.g.
	 * {@code scopes inventory:read; plants 1000; plan plant-standard; partner ACME}
	 */
	public String summary() {
		if (none()) {
			return "nothing (no approved subscription); partner " + this.partnerId;
		}
		return "scopes " + String.join(" ", this.scopes) + "; " + plants(this.plants) + "; plan " + this.plan
				+ "; partner " + this.partnerId;
	}

	static String plants(List<String> plants) {
		return plants.isEmpty() ? "no plants" : "plants " + String.join(" ", plants);
	}

}
