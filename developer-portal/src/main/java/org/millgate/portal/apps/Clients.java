package org.millgate.portal.apps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apps' clients at identity carry what their approved subscriptions grant
 * ({@link Grants#carried}), never more.
 */
final class Clients {

	private static final Logger LOG = LoggerFactory.getLogger(Apps.class);

	private final AppStore store;

	private final Registrar registrar;

	private final Grants grants;

	Clients(AppStore store, Registrar registrar, Grants grants) {
		this.store = store;
		this.registrar = registrar;
		this.grants = grants;
	}

	Grant carried(App app) {
		return this.grants.carried(app, this.store.subscriptions(app.id()));
	}

	/**
	 * Registers an app's client with what it is granted now.
	 */
	Registrar.Credentials register(App app, Grant grant) {
		return this.registrar.register(app.name(), grant.scopes(), grant.plan(), app.partnerId(), grant.plants());
	}

	/**
	 * Gives an app's client what the app is granted, after a grant grew (an approval).
	 * When identity cannot be told, the approval stands and the client carries less than
	 * approved until the app's next approval or rotation: the answer says so.
	 * @return that warning, or null
	 */
	String sync(App app) {
		App current = this.store.app(app.id()).orElseThrow();
		Grant grant = carried(current);
		if (!current.hasCredentials() || grant.none()) {
			return null;
		}
		try {
			this.registrar.update(current.clientId(), grant.scopes(), grant.plan(), grant.plants());
			return null;
		}
		catch (Registrar.Unavailable | Registrar.Refused ex) {
			LOG.warn("Scopes of app {} (client {}) not updated at identity: {}", current.id(), current.clientId(),
					ex.getMessage());
			return "Identity could not be given the app's new scopes yet (" + ex.getMessage()
					+ "); they are set again at the app's next approval or secret rotation.";
		}
	}

	/**
	 * Gives an app's client what a change leaves it, or revokes the client when nothing
	 * is approved any more (a client needs a scope). Called within the change's
	 * transaction: when identity cannot be told, the change is not made.
	 */
	void narrow(App app, Preview change) {
		if (!app.hasCredentials()) {
			return;
		}
		if (change.clientRevoked()) {
			this.registrar.revoke(app.clientId());
			this.store.credentialsWithdrawn(app.id(), app.clientId());
			return;
		}
		Grant after = change.after();
		this.registrar.update(app.clientId(), after.scopes(), after.plan(), after.plants());
	}

}
