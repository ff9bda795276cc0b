package org.millgate.portal.apps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Apps, subscriptions and the audit log in the database ({@code portal_*} tables).
 */
final class AppStore {

	private final JdbcClient jdbc;

	AppStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	void plants(String appId, String plants) {
		this.jdbc.sql("UPDATE portal_app SET plants = ? WHERE id = ?").params(plants, appId).update();
	}

	void revoked(String appId, Instant at) {
		this.jdbc.sql("UPDATE portal_app SET revoked_at = ? WHERE id = ?").params(Timestamp.from(at), appId).update();
	}

	void insert(Subscription subscription) {
		this.jdbc
			.sql("INSERT INTO portal_subscription (id, app_id, product, plan, state, requested_by, requested_at, "
					+ "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(subscription.id(), subscription.appId(), subscription.product(), subscription.plan(),
					subscription.state(), subscription.requestedBy(), Timestamp.from(subscription.requestedAt()),
					subscription.decidedBy(),
					(subscription.decidedAt() != null) ? Timestamp.from(subscription.decidedAt()) : null)
			.update();
	}

	void delete(String subscriptionId) {
		this.jdbc.sql("DELETE FROM portal_subscription WHERE id = ?").param(subscriptionId).update();
	}

	List<Subscription> subscriptions(String appId) {
		return this.jdbc.sql("SELECT * FROM portal_subscription WHERE app_id = ? ORDER BY requested_at, product")
			.param(appId)
			.query(AppStore::subscription)
			.list();
	}

	Optional<Subscription> subscription(String id) {
		return this.jdbc.sql("SELECT * FROM portal_subscription WHERE id = ?")
			.param(id)
			.query(AppStore::subscription)
			.optional();
	}

	List<Subscription> pending() {
		return this.jdbc.sql("SELECT * FROM portal_subscription WHERE state = 'PENDING' ORDER BY requested_at")
			.query(AppStore::subscription)
			.list();
	}

	/**
	 * Decides a pending subscription.
	 * @return false when it was no longer pending (someone decided first)
	 */
	boolean decide(String id, String state, String by, Instant at) {
		return this.jdbc
			.sql("UPDATE portal_subscription SET state = ?, decided_by = ?, decided_at = ? "
					+ "WHERE id = ? AND state = 'PENDING'")
			.params(state, by, Timestamp.from(at), id)
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
				instant(row, "created_at"), instant(row, "revoked_at"), row.getString("plants"));
	}

	private static Subscription subscription(ResultSet row, int number) throws SQLException {
		return new Subscription(row.getString("id"), row.getString("app_id"), row.getString("product"),
				row.getString("plan"), row.getString("state"), row.getString("requested_by"),
				instant(row, "requested_at"), row.getString("decided_by"), instant(row, "decided_at"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
