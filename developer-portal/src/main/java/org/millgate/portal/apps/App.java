package org.millgate.portal.apps;

import java.time.Instant;
import java.util.List;

/**
 * A partner's application.
 *
 * @param id its id
 * @param partnerId the partner it belongs to
 * @param name its name, unique per partner
 * @param description what it does, or null
 * @param clientId its client at identity once credentials are issued, or null
 * @param createdBy who created it
 * @param createdAt when
 * @param revokedAt when its credentials were revoked, or null
 * @param plants the plants an API owner granted it, space separated; empty for none
 */
public record App(String id, String partnerId, String name, String description, String clientId, String createdBy,
		Instant createdAt, Instant revokedAt, String plants) {

	/**
	 * The plants its tokens carry.
	 * @return the plant codes
	 */
	public List<String> plantList() {
		return (this.plants == null || this.plants.isBlank()) ? List.of() : List.of(this.plants.trim().split("\\s+"));
	}

	/**
	 * Whether its credentials were revoked (it can no longer be used).
	 * @return true once revoked
	 */
	public boolean revoked() {
		return this.revokedAt != null;
	}

	/**
	 * Whether it has credentials in force.
	 * @return true when issued and not revoked
	 */
	public boolean hasCredentials() {
		return this.clientId != null && this.revokedAt == null;
	}

}
