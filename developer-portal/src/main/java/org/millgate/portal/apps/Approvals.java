package org.millgate.portal.apps;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * What API owners do with subscriptions: approve a pending one with plants and scopes
 * (read only, for example) or reject it, replace the plants of an approved one, or revoke
 * it. Each change is previewed first ({@link Preview}: what the app's token carries
 * before and after) and follows {@link Grants}' rule: the plants of one product never
 * reach another product's scopes. Changes are made one app at a time (the app's row is
 * locked), are audited, and reach the app's client at identity: an approval after it is
 * recorded, a change that takes something away within its transaction, so that it is not
 * recorded unless identity took it.
 */
public class Approvals {

	private final AppStore store;

	private final TransactionTemplate transactions;

	private final Grants grants;

	private final Clients clients;

	private final Audit audit;

	private final Clock clock;

	Approvals(AppStore store, TransactionTemplate transactions, Grants grants, Clients clients, Audit audit,
			Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.grants = grants;
		this.clients = clients;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The subscriptions waiting for a decision, oldest first, each with the preview of
	 * approving it as the form proposes (every scope, the plants the app carries now).
	 * @return them
	 */
	public List<Pending> pending() {
		return this.store.pending().stream().map((subscription) -> {
			App app = this.store.app(subscription.appId()).orElseThrow();
			return new Pending(subscription, app,
					this.grants.approval(app, this.store.subscriptions(app.id()), subscription, null, null));
		}).toList();
	}

	/**
	 * The approved subscriptions of apps not revoked, by partner and app.
	 * @return them, each with its app
	 */
	public List<Apps.AppSubscription> approved() {
		return this.store.approved()
			.stream()
			.map((subscription) -> new Apps.AppSubscription(subscription,
					this.store.app(subscription.appId()).orElseThrow()))
			.toList();
	}

	/**
	 * One subscription with its app.
	 * @param subscriptionId its id
	 * @return it
	 * @throws Apps.NotFound when there is none
	 */
	public Apps.AppSubscription subscription(String subscriptionId) {
		Subscription subscription = this.store.subscription(subscriptionId)
			.orElseThrow(() -> new Apps.NotFound("There is no subscription '" + subscriptionId + "'."));
		return new Apps.AppSubscription(subscription, this.store.app(subscription.appId()).orElseThrow());
	}

	/**
	 * What approving would do.
	 * @param subscriptionId the pending subscription
	 * @param plants the plants to grant, space or comma separated, blank for none; null
	 * for those the app's token carries now
	 * @param scopes the scopes to approve; null for every scope of the product
	 * @return the preview
	 */
	public Preview approval(String subscriptionId, String plants, List<String> scopes) {
		Apps.AppSubscription found = subscription(subscriptionId);
		return this.grants.approval(found.app(), this.store.subscriptions(found.app().id()), found.subscription(),
				plants, scopes);
	}

	/**
	 * What replacing the plants would do.
	 * @param subscriptionId the approved subscription
	 * @param plants the new plants, space or comma separated, blank for none
	 * @return the preview
	 */
	public Preview replacement(String subscriptionId, String plants) {
		Apps.AppSubscription found = subscription(subscriptionId);
		return this.grants.replacement(found.app(), this.store.subscriptions(found.app().id()), found.subscription(),
				plants);
	}

	/**
	 * What revoking would do.
	 * @param subscriptionId the approved subscription
	 * @return the preview
	 */
	public Preview revocation(String subscriptionId) {
		Apps.AppSubscription found = subscription(subscriptionId);
		return this.grants.revocation(found.app(), this.store.subscriptions(found.app().id()), found.subscription());
	}

	/**
	 * Approves a pending subscription with plants and scopes, as {@link #approval} shows.
	 * @param owner the API owner
	 * @param subscriptionId the subscription
	 * @param plants the plants to grant, blank for none
	 * @param scopes the scopes to approve; null for every scope of the product
	 * @return what was approved, with a warning when identity could not be given it yet
	 * @throws Apps.Refused when the rule refuses it, with the reason
	 */
	public Decided approve(Apps.Actor owner, String subscriptionId, String plants, List<String> scopes) {
		String appId = subscription(subscriptionId).app().id();
		Preview approved = this.transactions.execute((status) -> {
			Preview preview = checked(appId, () -> approval(subscriptionId, (plants != null) ? plants : "", scopes));
			Subscription result = preview.result();
			if (!this.store.approve(subscriptionId, result.plants(), result.scopes(), owner.name(),
					this.clock.instant())) {
				throw new Apps.Refused("This subscription was decided already.");
			}
			this.audit.record(owner, preview.app().partnerId(), "subscription.approved", preview.app(),
					grantOf(result) + "; the app's token carries " + preview.after().summary());
			return preview;
		});
		return new Decided(approved, this.clients.sync(approved.app()));
	}

	/**
	 * Rejects a pending subscription; it granted nothing yet.
	 * @param owner the API owner
	 * @param subscriptionId the subscription
	 */
	public void reject(Apps.Actor owner, String subscriptionId) {
		Apps.AppSubscription found = subscription(subscriptionId);
		this.transactions.executeWithoutResult((status) -> {
			if (!this.store.reject(subscriptionId, owner.name(), this.clock.instant())) {
				throw new Apps.Refused("This subscription was decided already.");
			}
			this.audit.record(owner, found.app().partnerId(), "subscription.rejected", found.app(),
					found.subscription().product() + " on " + found.subscription().plan());
		});
	}

	/**
	 * Replaces the plants of an approved subscription, and so of every approved
	 * subscription of its app, as {@link #replacement} shows.
	 * @param owner the API owner
	 * @param subscriptionId the subscription
	 * @param plants the new plants, blank for none
	 * @return what was changed
	 */
	public Preview replacePlants(Apps.Actor owner, String subscriptionId, String plants) {
		String appId = subscription(subscriptionId).app().id();
		return this.transactions.execute((status) -> {
			Preview preview = checked(appId, () -> replacement(subscriptionId, plants));
			for (Subscription changed : preview.changed()) {
				Subscription before = preview.subscription().id().equals(changed.id()) ? preview.subscription()
						: this.store.subscription(changed.id()).orElseThrow();
				if (!this.store.plants(changed.id(), changed.plants())) {
					throw new Apps.Refused("The subscription to " + changed.product() + " is no longer approved.");
				}
				this.audit.record(owner, preview.app().partnerId(), "subscription.plants.replaced", preview.app(),
						changed.product() + " on " + changed.plan() + ": " + Grant.plants(before.plants())
								+ " replaced by " + Grant.plants(changed.plants()) + "; the app's token carries "
								+ preview.after().summary());
			}
			this.clients.narrow(preview.app(), preview);
			return preview;
		});
	}

	/**
	 * Revokes an approved subscription: its scopes and plants leave the app's client, or
	 * the client is revoked when no approved subscription remains.
	 * @param owner the API owner
	 * @param subscriptionId the subscription
	 * @return what was changed
	 */
	public Preview revoke(Apps.Actor owner, String subscriptionId) {
		String appId = subscription(subscriptionId).app().id();
		return this.transactions.execute((status) -> {
			Preview preview = checked(appId, () -> revocation(subscriptionId));
			Subscription revoked = preview.subscription();
			if (!this.store.revoke(subscriptionId, owner.name(), this.clock.instant())) {
				throw new Apps.Refused("This subscription is no longer approved.");
			}
			this.audit.record(owner, preview.app().partnerId(), "subscription.revoked", preview.app(),
					revoked.product() + " on " + revoked.plan() + ": its scopes " + String.join(" ", revoked.scopes())
							+ " and its " + Grant.plants(revoked.plants()) + " are off the app's client; "
							+ (preview.clientRevoked()
									? "no product is approved any more: its client " + preview.app().clientId()
											+ " is revoked at identity"
									: "the app's token carries " + preview.after().summary()));
			this.clients.narrow(preview.app(), preview);
			return preview;
		});
	}

	// the preview made with the app locked: what it shows is what is made
	private Preview checked(String appId, Supplier<Preview> preview) {
		this.store.lock(appId);
		Preview checked = preview.get();
		if (!checked.allowed()) {
			throw new Apps.Refused(checked.refusal());
		}
		return checked;
	}

	private static String grantOf(Subscription subscription) {
		return subscription.product() + " on " + subscription.plan() + "; " + Grant.plants(subscription.plants())
				+ "; scopes " + String.join(" ", subscription.scopes());
	}

	/**
	 * A subscription waiting for an API owner, with its app.
	 *
	 * @param subscription the subscription
	 * @param app its app
	 * @param preview what approving it as proposed would do
	 */
	public record Pending(Subscription subscription, App app, Preview preview) {

	}

	/**
	 * An approval made.
	 *
	 * @param preview what it changed
	 * @param warning a warning when identity could not be given the app's new scopes yet,
	 * or null
	 */
	public record Decided(Preview preview, String warning) {

	}

}
