package org.millgate.portal.apps;

import java.util.List;

/**
 * What a change to one of an app's subscriptions would do to the app's client at
 * identity, shown to the API owner before it is made; the change itself makes what the
 * preview shows or is refused for the reason it gives.
 *
 * @param change what is asked for
 * @param subscription the subscription as it is
 * @param app its app
 * @param changed the subscriptions as they would be after the change, this one first
 * @param before what the app's token carries now
 * @param after what it would carry after the change
 * @param refusal why the change is refused, or null when it may be made
 * @param clientRevoked whether the change revokes the app's client at identity (no
 * approved subscription remains, and a client needs a scope)
 */
public record Preview(Change change, Subscription subscription, App app, List<Subscription> changed, Grant before,
		Grant after, String refusal, boolean clientRevoked) {

	public Preview {
		changed = List.copyOf(changed);
	}

	/**
	 * Whether the change may be made.
	 * @return true unless refused
	 */
	public boolean allowed() {
		return this.refusal == null;
	}

	/**
	 * The subscription as it would be after the change.
	 * @return it
	 */
	public Subscription result() {
		return this.changed.get(0);
	}

	/**
	 * The app's other subscriptions the change alters too: their plants, as a token
	 * carries one {@code plants} claim for all of them.
	 * @return those subscriptions as they would be
	 */
	public List<Subscription> alsoChanged() {
		return this.changed.subList(1, this.changed.size());
	}

	/**
	 * A change an API owner makes to a subscription.
	 */
	public enum Change {

		/** Approve a pending subscription with plants and scopes. */
		APPROVE,

		/** Replace the plants of an approved subscription. */
		REPLACE_PLANTS,

		/**
		 * Revoke an approved subscription: its scopes and plants leave the app's client.
		 */
		REVOKE

	}

}
