package org.millgate.portal.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A partner's webhook: where its shipment events go, which types, and the secrets that
 * sign them.
 *
 * @param id {@code wh_} and a random part
 * @param partnerId the partner
 * @param url the endpoint
 * @param eventTypes the CloudEvents types it receives
 * @param secret the current signing secret
 * @param previousSecret the secret before the last rotation, or null
 * @param previousSecretUntil until when the previous secret signs too, or null
 * @param createdBy who created it
 * @param createdAt when
 * @param deletedAt when it was deleted, or null
 */
public record Webhook(String id, String partnerId, String url, List<String> eventTypes, String secret,
		String previousSecret, Instant previousSecretUntil, String createdBy, Instant createdAt, Instant deletedAt) {

	public Webhook {
		eventTypes = List.copyOf(eventTypes);
	}

	/**
	 * The secrets that sign a delivery at a time: the current one, and the previous one
	 * while it still overlaps.
	 * @param now the time
	 * @return the current secret first
	 */
	public List<String> secretsAt(Instant now) {
		List<String> secrets = new ArrayList<>(List.of(this.secret));
		if (this.previousSecret != null && this.previousSecretUntil != null && now.isBefore(this.previousSecretUntil)) {
			secrets.add(this.previousSecret);
		}
		return secrets;
	}

	/**
	 * Whether it still receives events.
	 * @return false once deleted
	 */
	public boolean active() {
		return this.deletedAt == null;
	}

	@Override
	public String toString() {
		return "Webhook[id=" + this.id + ", partnerId=" + this.partnerId + ", url=" + this.url + ", eventTypes="
				+ this.eventTypes + ", secret=***]";
	}

}
