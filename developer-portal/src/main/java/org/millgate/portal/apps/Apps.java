package org.millgate.portal.apps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Product;

/**
 * What partners do with apps, with the rules: a partner sees and changes only its own
 * apps; an app runs on one plan; self-service plans are approved at once, others wait for
 * an API owner ({@link #approvals()}); credentials come from identity and carry what the
 * app's approved subscriptions grant ({@link Grant}); a partner may create so many apps
 * per hour and hold so many active (not revoked) apps at once. Every change is audited
 * (never a secret).
 */
public class Apps {

	/** Active apps per partner when none is configured. */
	public static final int DEFAULT_ACTIVE_APPS_PER_PARTNER = 5;

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()-]{0,79}");

	private final AppStore store;

	private final TransactionTemplate transactions;

	private final Registrar registrar;

	private final ContractCatalog catalog;

	private final Set<String> selfServicePlans;

	private final int creationsPerHour;

	private final int activeAppsPerPartner;

	private final Clock clock;

	private final Grants grants;

	private final Clients clients;

	private final Audit audit;

	private final Approvals approvals;

	/**
	 * The apps, with {@value #DEFAULT_ACTIVE_APPS_PER_PARTNER} active apps per partner.
	 * @param jdbc the database
	 * @param transactions its transactions
	 * @param registrar identity
	 * @param catalog the products and their plans
	 * @param selfServicePlans plans approved at once
	 * @param creationsPerHour how many apps a partner may create per hour
	 */
	public Apps(JdbcClient jdbc, TransactionTemplate transactions, Registrar registrar, ContractCatalog catalog,
			Set<String> selfServicePlans, int creationsPerHour) {
		this(jdbc, transactions, registrar, catalog, selfServicePlans, creationsPerHour,
				DEFAULT_ACTIVE_APPS_PER_PARTNER);
	}

	/**
	 * The apps.
	 * @param jdbc the database
	 * @param transactions its transactions
	 * @param registrar identity
	 * @param catalog the products and their plans
	 * @param selfServicePlans plans approved at once
	 * @param creationsPerHour how many apps a partner may create per hour
	 * @param activeAppsPerPartner how many apps not revoked a partner may hold
	 */
	public Apps(JdbcClient jdbc, TransactionTemplate transactions, Registrar registrar, ContractCatalog catalog,
			Set<String> selfServicePlans, int creationsPerHour, int activeAppsPerPartner) {
		this.store = new AppStore(jdbc, (product) -> catalog.product(product).map(Product::scopes).orElse(List.of()));
		this.transactions = transactions;
		this.registrar = registrar;
		this.catalog = catalog;
		this.selfServicePlans = Set.copyOf(selfServicePlans);
		this.creationsPerHour = creationsPerHour;
		this.activeAppsPerPartner = activeAppsPerPartner;
		this.clock = Clock.systemUTC();
		this.grants = new Grants(catalog);
		this.clients = new Clients(this.store, registrar, this.grants);
		this.audit = new Audit(this.store, this.clock);
		this.approvals = new Approvals(this.store, transactions, this.grants, this.clients, this.audit, this.clock);
	}

	/**
	 * What API owners do with subscriptions.
	 * @return the approvals
	 */
	public Approvals approvals() {
		return this.approvals;
	}

	/**
	 * How many apps not revoked a partner may hold.
	 * @return the cap
	 */
	public int activeAppsPerPartner() {
		return this.activeAppsPerPartner;
	}

	public List<App> apps(Actor partner) {
		return this.store.apps(partnerOf(partner));
	}

	public App app(Actor partner, String appId) {
		return this.store.app(partnerOf(partner), appId)
			.orElseThrow(() -> new NotFound("You have no app with id '" + appId + "'."));
	}

	public List<Subscription> subscriptions(App app) {
		return this.store.subscriptions(app.id());
	}

	/**
	 * What an app's client carries, from its approved subscriptions.
	 * @param app the app
	 * @return its grant
	 */
	public Grant grant(App app) {
		return this.clients.carried(app);
	}

	public App create(Actor partner, String name, String description) {
		String partnerId = partnerOf(partner);
		String trimmed = (name != null) ? name.strip() : "";
		if (!NAME.matcher(trimmed).matches()) {
			throw new Refused("An app's name has 1 to 80 letters, digits, spaces or . _ ( ) - and starts with a "
					+ "letter or digit.");
		}
		String text = (description != null && !description.isBlank()) ? description.strip() : null;
		if (text != null && text.length() > 500) {
			throw new Refused("A description has at most 500 characters.");
		}
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> {
			long recent = this.store.createdSince(partnerId, now.minus(Duration.ofHours(1)));
			if (recent >= this.creationsPerHour) {
				throw new TooMany("Partner " + partnerId + " created " + recent + " apps in the last hour; at most "
						+ this.creationsPerHour + " are allowed. Try again later.");
			}
			// each app has its own quota at the gateway: more apps, more quota
			long active = this.store.activeApps(partnerId);
			if (active >= this.activeAppsPerPartner) {
				throw new TooManyActive("Partner " + partnerId + " has " + active + " active apps, and at most "
						+ this.activeAppsPerPartner + " are allowed. Revoke an app you no longer use to create "
						+ "another.");
			}
			if (this.store.nameTaken(partnerId, trimmed)) {
				throw new Refused("You already have an app named '" + trimmed + "'.");
			}
			App app = new App(UUID.randomUUID().toString(), partnerId, trimmed, text, null, partner.name(), now, null);
			try {
				this.store.insert(app);
			}
			catch (DataIntegrityViolationException ex) {
				// the same name created at the same moment
				throw new Refused("You already have an app named '" + trimmed + "'.");
			}
			this.audit.record(partner, partnerId, "app.created", app, (text != null) ? "description: " + text : null);
			return app;
		});
	}

	public Subscribed subscribe(Actor partner, String appId, String productId, String plan) {
		App app = app(partner, appId);
		if (app.revoked()) {
			throw new Refused("This app's credentials were revoked; it cannot subscribe any more.");
		}
		Product product = this.catalog.product((productId != null) ? productId : "")
			.orElseThrow(() -> new Refused("There is no API product '" + productId + "'."));
		if (plan == null || !product.plans().contains(plan)) {
			throw new Refused(product.title() + " is offered on the plans " + String.join(", ", product.plans())
					+ ", not '" + plan + "'.");
		}
		boolean selfService = this.selfServicePlans.contains(plan);
		Instant now = this.clock.instant();
		Subscription requested = new Subscription(UUID.randomUUID().toString(), app.id(), product.id(), plan,
				Subscription.PENDING, partner.name(), now, null, null, List.of(), List.of());
		Subscription subscription;
		try {
			subscription = this.transactions.execute((status) -> {
				this.store.lock(app.id());
				List<Subscription> existing = this.store.subscriptions(app.id());
				refuseAnother(existing, product, plan);
				Subscription made = requested;
				if (selfService) {
					// approved at once with every scope and no plants, if the rule allows
					Preview approval = this.grants.approval(app, existing, requested, "", null);
					if (!approval.allowed()) {
						throw new Refused("This app's token carries " + approval.before().summary()
								+ "; a self-service subscription grants no plants, and a token carries one plants "
								+ "claim for all its products. Create another app for " + product.title() + ".");
					}
					Subscription approved = approval.result();
					made = new Subscription(approved.id(), approved.appId(), approved.product(), approved.plan(),
							Subscription.APPROVED, partner.name(), now, partner.name(), now, approved.plants(),
							approved.scopes());
				}
				// a subscription rejected or revoked before may be asked for again
				existing.stream()
					.filter((old) -> old.product().equals(product.id()))
					.forEach((old) -> this.store.delete(old.id()));
				this.store.insert(made);
				this.audit.record(partner, app.partnerId(), "subscription.requested", app,
						product.id() + " on " + plan
								+ (selfService ? ", approved at once (self-service plan) with scopes "
										+ String.join(" ", made.scopes()) : ", waiting for an API owner"));
				return made;
			});
		}
		catch (DataIntegrityViolationException ex) {
			// the same subscription asked for at the same moment
			throw new Refused("This app is already subscribed to " + product.title() + ".");
		}
		return new Subscribed(subscription, selfService ? this.clients.sync(app) : null);
	}

	public Registrar.Credentials issueCredentials(Actor partner, String appId) {
		App app = app(partner, appId);
		if (app.revoked()) {
			throw new Refused("This app's credentials were revoked; create a new app.");
		}
		if (app.clientId() != null) {
			throw new Refused("This app has credentials already; rotate its secret to get a new one.");
		}
		Grant grant = this.clients.carried(app);
		if (grant.none()) {
			throw new Refused("Credentials are issued once a subscription is approved.");
		}
		Registrar.Credentials credentials = this.clients.register(app, grant);
		boolean stored = Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!this.store.credentialsIssued(app.id(), credentials.clientId())) {
				return false;
			}
			this.audit.record(partner, app.partnerId(), "credentials.issued", app,
					"client " + credentials.clientId() + " with " + grant.summary());
			return true;
		}));
		if (!stored) {
			// issued or revoked meanwhile (another tab): the new client must not live on
			this.registrar.revoke(credentials.clientId());
			throw new Refused("This app got credentials or was revoked meanwhile; reload the page.");
		}
		// a change made while the client was being registered
		this.clients.sync(app);
		return credentials;
	}

	public Registrar.Credentials rotate(Actor partner, String appId) {
		App app = app(partner, appId);
		if (!app.hasCredentials()) {
			throw new Refused("This app has no credentials in force to rotate.");
		}
		// the grant first: if identity fails here, nothing has changed yet
		String stale = this.clients.sync(app);
		if (stale != null) {
			throw new Refused(stale);
		}
		Registrar.Credentials credentials = this.registrar.rotate(app.clientId());
		this.audit.record(partner, app.partnerId(), "credentials.rotated", app,
				"client " + app.clientId() + ": the old secret and its tokens no longer work");
		return credentials;
	}

	public void revoke(Actor partner, String appId) {
		App app = app(partner, appId);
		if (app.revoked()) {
			return;
		}
		if (app.clientId() != null) {
			this.registrar.revoke(app.clientId());
		}
		this.transactions.executeWithoutResult((status) -> {
			this.store.revoked(app.id(), this.clock.instant());
			this.audit.record(partner, app.partnerId(), "app.revoked", app, (app.clientId() != null)
					? "client " + app.clientId() + " revoked: no new tokens, the gateway refuses its tokens" : null);
		});
	}

	/**
	 * A token with an app's credentials, for the try-it console.
	 * @param partner the partner
	 * @param appId its app
	 * @param secret the app's secret, as the partner pastes it
	 * @return the token
	 */
	public Registrar.Token token(Actor partner, String appId, String secret) {
		App app = app(partner, appId);
		if (!app.hasCredentials()) {
			throw new Refused("This app has no credentials in force.");
		}
		if (secret == null || secret.isBlank()) {
			throw new Refused("Paste the app's client secret to get a token.");
		}
		return this.registrar.token(app.clientId(), secret.strip());
	}

	public List<AuditEvent> audit(int limit) {
		return this.store.audit(limit);
	}

	/**
	 * The apps by client id, for naming the callers in usage figures.
	 * @return client id to app
	 */
	public Map<String, App> byClientId() {
		return this.store.appsWithClients()
			.stream()
			.collect(Collectors.toMap(App::clientId, Function.identity(), (first, second) -> first));
	}

	// one subscription per product, and one plan per app
	private static void refuseAnother(List<Subscription> existing, Product product, String plan) {
		for (Subscription subscription : existing) {
			if (subscription.product().equals(product.id()) && subscription.active()) {
				throw new Refused("This app is already subscribed to " + product.title() + " ("
						+ subscription.state().toLowerCase(Locale.ROOT) + ").");
			}
			if (!subscription.plan().equals(plan) && subscription.active()) {
				throw new Refused("This app runs on plan " + subscription.plan()
						+ ": its tokens carry one plan. Create another app for plan " + plan + ".");
			}
		}
	}

	private static String partnerOf(Actor partner) {
		if (partner.partnerId() == null) {
			throw new NotFound("Only partners have apps.");
		}
		return partner.partnerId();
	}

	/**
	 * Who acts.
	 *
	 * @param name the user name
	 * @param partnerId the partner, or null for an API owner
	 */
	public record Actor(String name, String partnerId) {

	}

	/**
	 * A new subscription.
	 *
	 * @param subscription the subscription
	 * @param warning a warning when it was approved but identity could not be given the
	 * app's new scopes yet, or null
	 */
	public record Subscribed(Subscription subscription, String warning) {

	}

	/**
	 * A subscription with its app.
	 *
	 * @param subscription the subscription
	 * @param app its app
	 */
	public record AppSubscription(Subscription subscription, App app) {

	}

	/**
	 * Nothing of that name for this partner.
	 */
	public static class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Refused, with a message for the person.
	 */
	public static class Refused extends RuntimeException {

		Refused(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Too many apps created recently.
	 */
	public static class TooMany extends RuntimeException {

		TooMany(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * The partner holds as many active apps as it may.
	 */
	public static class TooManyActive extends RuntimeException {

		TooManyActive(String message) {
			super(message, null, false, false);
		}

	}

}
