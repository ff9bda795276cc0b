package org.millgate.portal.apps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Apps, subscriptions and the audit log in the database ({@code portal_*} tables).
 */
final class AppStore {

	private final JdbcClient jdbc;

	private final Function<String, List<String>> productScopes;

	/**
	 * The store.
	 * @param jdbc the database
	 * @param productScopes a product's scopes: what a subscription approved before scopes
	 * were recorded grants
	 */
	AppStore(JdbcClient jdbc, Function<String, List<String>> productScopes) {
		this.jdbc = jdbc;
		this.productScopes = productScopes;
	}

	void insert(App app) {
		this.jdbc
			.sql("INSERT INTO portal_app (id, partner_id, name, description, created_by, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(app.id(), app.partnerId(), app.name(), app.description(), app.createdBy(),
					Timestamp.from(app.createdAt()))
			.update();
	}

	Optional<App> app(String partnerId, String id) {
		return this.jdbc.sql("SELECT * FROM portal_app WHERE id = ? AND partner_id = ?")
			.params(id, partnerId)
			.query(AppStore::app)
			.optional();
	}

	Optional<App> app(String id) {
		return this.jdbc.sql("SELECT * FROM portal_app WHERE id = ?").param(id).query(AppStore::app).optional();
	}

	boolean nameTaken(String partnerId, String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM portal_app WHERE partner_id = ? AND LOWER(name) = LOWER(?)")
			.params(partnerId, name)
			.query(Long.class)
			.single() > 0;
	}

	List<App> apps(String partnerId) {
		return this.jdbc.sql("SELECT * FROM portal_app WHERE partner_id = ? ORDER BY created_at, name")
			.param(partnerId)
			.query(AppStore::app)
			.list();
	}

	List<App> appsWithClients() {
		return this.jdbc.sql("SELECT * FROM portal_app WHERE client_id IS NOT NULL").query(AppStore::app).list();
	}

	/**
	 * Counts a partner's active apps (not revoked), locking them until the transaction
	 * ends, so that two apps created at once cannot both take the last place.
	 */
	long activeApps(String partnerId) {
		return this.jdbc
			.sql("SELECT id FROM portal_app WHERE partner_id = ? AND revoked_at IS NULL ORDER BY id FOR UPDATE")
			.param(partnerId)
			.query(String.class)
			.list()
			.size();
	}

	/**
	 * Locks an app until the transaction ends: changes to what its client carries are
	 * made one at a time.
	 */
	void lock(String appId) {
		this.jdbc.sql("SELECT id FROM portal_app WHERE id = ? FOR UPDATE").param(appId).query(String.class).list();
	}

	long createdSince(String partnerId, Instant since) {
		return this.jdbc.sql("SELECT COUNT(*) FROM portal_app WHERE partner_id = ? AND created_at >= ?")
			.params(partnerId, Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/**
	 * Records an app's client, unless it has one or was revoked meanwhile.
	 * @return whether it was recorded
	 */
	boolean credentialsIssued(String appId, String clientId) {
		return this.jdbc
			.sql("UPDATE portal_app SET client_id = ? WHERE id = ? AND client_id IS NULL AND revoked_at IS NULL")
			.params(clientId, appId)
			.update() == 1;
	}

	/**
	 * Forgets an app's client, revoked at identity since no subscription is approved; the
	 * app may get credentials again after a new approval.
	 */
	void credentialsWithdrawn(String appId, String clientId) {
		this.jdbc.sql("UPDATE portal_app SET client_id = NULL WHERE id = ? AND client_id = ?")
			.params(appId, clientId)
			.update();
	}

	void revoked(String appId, Instant at) {
		this.jdbc.sql("UPDATE portal_app SET revoked_at = ? WHERE id = ?").params(Timestamp.from(at), appId).update();
	}

	void insert(Subscription subscription) {
		this.jdbc
			.sql("INSERT INTO portal_subscription (id, app_id, product, plan, state, requested_by, requested_at, "
					+ "decided_by, decided_at, plants, scopes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(subscription.id(), subscription.appId(), subscription.product(), subscription.plan(),
					subscription.state(), subscription.requestedBy(), Timestamp.from(subscription.requestedAt()),
					subscription.decidedBy(),
					(subscription.decidedAt() != null) ? Timestamp.from(subscription.decidedAt()) : null,
					String.join(" ", subscription.plants()),
					subscription.approved() ? String.join(" ", subscription.scopes()) : null)
			.update();
	}

	void delete(String subscriptionId) {
		this.jdbc.sql("DELETE FROM portal_subscription WHERE id = ?").param(subscriptionId).update();
	}

	List<Subscription> subscriptions(String appId) {
		return this.jdbc.sql("SELECT * FROM portal_subscription WHERE app_id = ? ORDER BY requested_at, product")
			.param(appId)
			.query(this::toSubscription)
			.list();
	}

	Optional<Subscription> subscription(String id) {
		return this.jdbc.sql("SELECT * FROM portal_subscription WHERE id = ?")
			.param(id)
			.query(this::toSubscription)
			.optional();
	}

	/**
	 * The pending subscriptions of apps not revoked (nothing can be granted to a revoked
	 * app), oldest first.
	 */
	List<Subscription> pending() {
		return this.jdbc
			.sql("SELECT s.* FROM portal_subscription s JOIN portal_app a ON a.id = s.app_id "
					+ "WHERE s.state = 'PENDING' AND a.revoked_at IS NULL ORDER BY s.requested_at")
			.query(this::toSubscription)
			.list();
	}

	/**
	 * All approved subscriptions of apps not revoked.
	 */
	List<Subscription> approved() {
		return this.jdbc
			.sql("SELECT s.* FROM portal_subscription s JOIN portal_app a ON a.id = s.app_id "
					+ "WHERE s.state = 'APPROVED' AND a.revoked_at IS NULL ORDER BY a.partner_id, a.name, s.product")
			.query(this::toSubscription)
			.list();
	}

	/**
	 * Approves a pending subscription with its plants and scopes.
	 * @return false when it was no longer pending (someone decided first)
	 */
	boolean approve(String id, List<String> plants, List<String> scopes, String by, Instant at) {
		return this.jdbc
			.sql("UPDATE portal_subscription SET state = 'APPROVED', plants = ?, scopes = ?, decided_by = ?, "
					+ "decided_at = ? WHERE id = ? AND state = 'PENDING'")
			.params(String.join(" ", plants), String.join(" ", scopes), by, Timestamp.from(at), id)
			.update() == 1;
	}

	/**
	 * Replaces the plants of an approved subscription.
	 * @return false when it is no longer approved
	 */
	boolean plants(String id, List<String> plants) {
		return this.jdbc.sql("UPDATE portal_subscription SET plants = ? WHERE id = ? AND state = 'APPROVED'")
			.params(String.join(" ", plants), id)
			.update() == 1;
	}

	/**
	 * Revokes an approved subscription.
	 * @return false when it is no longer approved
	 */
	boolean revoke(String id, String by, Instant at) {
		return this.jdbc
			.sql("UPDATE portal_subscription SET state = 'REVOKED', decided_by = ?, decided_at = ? "
					+ "WHERE id = ? AND state = 'APPROVED'")
			.params(by, Timestamp.from(at), id)
			.update() == 1;
	}

	/**
	 * Rejects a pending subscription.
	 * @return false when it was no longer pending (someone decided first)
	 */
	boolean reject(String id, String by, Instant at) {
		return this.jdbc
			.sql("UPDATE portal_subscription SET state = 'REJECTED', decided_by = ?, decided_at = ? "
					+ "WHERE id = ? AND state = 'PENDING'")
			.params(by, Timestamp.from(at), id)
			.update() == 1;
	}

	void audit(AuditEvent event) {
		this.jdbc
			.sql("INSERT INTO portal_audit (at, actor, partner_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)")
			.params(Timestamp.from(event.at()), event.actor(), event.partnerId(), event.action(), event.target(),
					event.detail())
			.update();
	}

	List<AuditEvent> audit(int limit) {
		return this.jdbc.sql("SELECT * FROM portal_audit ORDER BY at DESC, id DESC FETCH FIRST ? ROWS ONLY")
			.param(limit)
			.query((row, number) -> new AuditEvent(instant(row, "at"), row.getString("actor"),
					row.getString("partner_id"), row.getString("action"), row.getString("target"),
					row.getString("detail")))
			.list();
	}

	private static App app(ResultSet row, int number) throws SQLException {
		return new App(row.getString("id"), row.getString("partner_id"), row.getString("name"),
				row.getString("description"), row.getString("client_id"), row.getString("created_by"),
				instant(row, "created_at"), instant(row, "revoked_at"));
	}

	private Subscription toSubscription(ResultSet row, int number) throws SQLException {
		String product = row.getString("product");
		String state = row.getString("state");
		String scopes = row.getString("scopes");
		List<String> approved;
		if (!Subscription.APPROVED.equals(state)) {
			approved = List.of();
		}
		else {
			approved = (scopes != null) ? words(scopes) : this.productScopes.apply(product);
		}
		return new Subscription(row.getString("id"), row.getString("app_id"), product, row.getString("plan"), state,
				row.getString("requested_by"), instant(row, "requested_at"), row.getString("decided_by"),
				instant(row, "decided_at"), words(row.getString("plants")), approved);
	}

	private static List<String> words(String text) {
		return (text == null || text.isBlank()) ? List.of() : List.of(text.trim().split("\\s+"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
