package org.millgate.portal.apps;

import java.time.Instant;

/**
 * A partner's application. What its credentials grant comes from its approved
 * subscriptions ({@link Grant}).
 *
 * @param id its id
 * @param partnerId the partner it belongs to
 * @param name its name, unique per partner
 * @param description what it does, or null
 * @param clientId its client at identity once credentials are issued, or null
 * @param createdBy who created it
 * @param createdAt when
 * @param revokedAt when its credentials were revoked, or null
 */
public record App(String id, String partnerId, String name, String description, String clientId, String createdBy,
		Instant createdAt, Instant revokedAt) {

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
