package org.millgate.portal.apps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Product;

/**
 * What partners do with apps and API owners with subscriptions, with the rules: a partner
 * sees and changes only its own apps; an app runs on one plan; self-service plans are
 * approved at once, others wait for an API owner; credentials come from identity and
 * carry the approved products' scopes, the plan and the partner; app creation is rate
 * limited per partner. Every change is audited (never a secret).
 */
public class Apps {

	private static final Logger LOG = LoggerFactory.getLogger(Apps.class);

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()-]{0,79}");

	private final AppStore store;

	private final TransactionTemplate transactions;

	private final Registrar registrar;

	private final ContractCatalog catalog;

	private final Set<String> selfServicePlans;

	private final int creationsPerHour;

	private final Clock clock;

	/**
	 * The apps.
	 * @param jdbc the database
	 * @param transactions its transactions
	 * @param registrar identity
	 * @param catalog the products and their plans
	 * @param selfServicePlans plans approved at once
	 * @param creationsPerHour how many apps a partner may create per hour
	 */
	public Apps(JdbcClient jdbc, TransactionTemplate transactions, Registrar registrar, ContractCatalog catalog,
			Set<String> selfServicePlans, int creationsPerHour) {
		this.store = new AppStore(jdbc);
		this.transactions = transactions;
		this.registrar = registrar;
		this.catalog = catalog;
		this.selfServicePlans = Set.copyOf(selfServicePlans);
		this.creationsPerHour = creationsPerHour;
		this.clock = Clock.systemUTC();
	}

	// --- partners

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
			if (this.store.nameTaken(partnerId, trimmed)) {
				throw new Refused("You already have an app named '" + trimmed + "'.");
			}
			App app = new App(UUID.randomUUID().toString(), partnerId, trimmed, text, null, partner.name(), now, null,
					"");
			try {
				this.store.insert(app);
			}
			catch (DataIntegrityViolationException ex) {
				// the same name created at the same moment
				throw new Refused("You already have an app named '" + trimmed + "'.");
			}
			audit(partner, partnerId, "app.created", app, (text != null) ? "description: " + text : null);
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
		List<Subscription> existing = this.store.subscriptions(app.id());
		for (Subscription subscription : existing) {
			if (subscription.product().equals(product.id()) && !subscription.state().equals(Subscription.REJECTED)) {
				throw new Refused("This app is already subscribed to " + product.title() + " ("
						+ subscription.state().toLowerCase(Locale.ROOT) + ").");
			}
			if (!subscription.plan().equals(plan) && !subscription.state().equals(Subscription.REJECTED)) {
				throw new Refused("This app runs on plan " + subscription.plan()
						+ ": its tokens carry one plan. Create another app for plan " + plan + ".");
			}
		}
		boolean selfService = this.selfServicePlans.contains(plan);
		Instant now = this.clock.instant();
		Subscription subscription = new Subscription(UUID.randomUUID().toString(), app.id(), product.id(), plan,
				selfService ? Subscription.APPROVED : Subscription.PENDING, partner.name(), now,
				selfService ? partner.name() : null, selfService ? now : null);
		// a subscription rejected before may be asked for again
		try {
			this.transactions.executeWithoutResult((status) -> {
				existing.stream()
					.filter((old) -> old.product().equals(product.id()))
					.forEach((old) -> this.store.delete(old.id()));
				this.store.insert(subscription);
				audit(partner, app.partnerId(), "subscription.requested", app, product.id() + " on " + plan
						+ (selfService ? ", approved at once (self-service plan)" : ", waiting for an API owner"));
			});
		}
		catch (DataIntegrityViolationException ex) {
			// the same subscription asked for at the same moment
			throw new Refused("This app is already subscribed to " + product.title() + ".");
		}
		return new Subscribed(subscription, selfService ? grantScopes(app) : null);
	}

	public Registrar.Credentials issueCredentials(Actor partner, String appId) {
		App app = app(partner, appId);
		if (app.revoked()) {
			throw new Refused("This app's credentials were revoked; create a new app.");
		}
		if (app.clientId() != null) {
			throw new Refused("This app has credentials already; rotate its secret to get a new one.");
		}
		List<Subscription> approved = approved(app);
		if (approved.isEmpty()) {
			throw new Refused("Credentials are issued once a subscription is approved.");
		}
		Registrar.Credentials credentials = this.registrar.register(app.name(), scopes(approved),
				approved.get(0).plan(), app.partnerId(), app.plantList());
		boolean stored = Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!this.store.credentialsIssued(app.id(), credentials.clientId())) {
				return false;
			}
			audit(partner, app.partnerId(), "credentials.issued", app,
					"client " + credentials.clientId() + " with scopes " + String.join(" ", scopes(approved)));
			return true;
		}));
		if (!stored) {
			// issued or revoked meanwhile (another tab): the new client must not live on
			this.registrar.revoke(credentials.clientId());
			throw new Refused("This app got credentials or was revoked meanwhile; reload the page.");
		}
		// an approval made while the client was being registered
		grantScopes(app);
		return credentials;
	}

	public Registrar.Credentials rotate(Actor partner, String appId) {
		App app = app(partner, appId);
		if (!app.hasCredentials()) {
			throw new Refused("This app has no credentials in force to rotate.");
		}
		// scopes first: if identity fails here, nothing has changed yet
		String stale = grantScopes(app);
		if (stale != null) {
			throw new Refused(stale);
		}
		Registrar.Credentials credentials = this.registrar.rotate(app.clientId());
		audit(partner, app.partnerId(), "credentials.rotated", app,
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
			audit(partner, app.partnerId(), "app.revoked", app, (app.clientId() != null)
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

	// --- API owners

	public List<Pending> pending() {
		return this.store.pending()
			.stream()
			.map((subscription) -> new Pending(subscription, this.store.app(subscription.appId()).orElseThrow()))
			.toList();
	}

	/**
	 * Approves or rejects a pending subscription, granting the app plants with an
	 * approval.
	 * @param owner the API owner
	 * @param subscriptionId the subscription
	 * @param approve approve, or reject
	 * @param plants plant codes (space or comma separated) the app may see from now on,
	 * besides those it has; blank for none
	 * @return a warning when the approval stands but identity could not be given the
	 * app's new scopes yet; null otherwise
	 */
	public String decide(Actor owner, String subscriptionId, boolean approve, String plants) {
		Subscription subscription = this.store.subscription(subscriptionId)
			.orElseThrow(() -> new NotFound("There is no subscription '" + subscriptionId + "'."));
		App app = this.store.app(subscription.appId()).orElseThrow();
		String state = approve ? Subscription.APPROVED : Subscription.REJECTED;
		Set<String> granted = new TreeSet<>(app.plantList());
		List<String> added = plants(plants);
		granted.addAll(added);
		boolean decided = this.transactions.execute((status) -> {
			if (!this.store.decide(subscriptionId, state, owner.name(), this.clock.instant())) {
				return false;
			}
			if (approve && !added.isEmpty()) {
				this.store.plants(app.id(), String.join(" ", granted));
			}
			audit(owner, app.partnerId(), approve ? "subscription.approved" : "subscription.rejected", app,
					subscription.product() + " on " + subscription.plan()
							+ ((approve && !added.isEmpty()) ? "; plants " + String.join(" ", granted) : ""));
			return true;
		});
		if (!decided) {
			throw new Refused("This subscription was decided already.");
		}
		return approve ? grantScopes(app) : null;
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

	// An app with credentials gets the scopes of every approved subscription at once.
	// When identity cannot be told, the approval stands and the scopes are set again at
	// the app's next approval or rotation: the answer says so.
	private String grantScopes(App app) {
		App current = this.store.app(app.id()).orElseThrow();
		List<Subscription> approved = approved(current);
		if (!current.hasCredentials() || approved.isEmpty()) {
			return null;
		}
		try {
			this.registrar.update(current.clientId(), scopes(approved), approved.get(0).plan(), current.plantList());
			return null;
		}
		catch (Registrar.Unavailable | Registrar.Refused ex) {
			LOG.warn("Scopes of app {} (client {}) not updated at identity: {}", current.id(), current.clientId(),
					ex.getMessage());
			return "Identity could not be given the app's new scopes yet (" + ex.getMessage()
					+ "); they are set again at the app's next approval or secret rotation.";
		}
	}

	private static final Pattern PLANT = Pattern.compile("[A-Z0-9]{4}");

	private static List<String> plants(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<String> plants = new ArrayList<>();
		for (String plant : text.trim().split("[\\s,]+")) {
			if (!PLANT.matcher(plant).matches()) {
				throw new Refused("'" + plant + "' is no plant code: plants are four capitals or digits, e.g. 1000.");
			}
			plants.add(plant);
		}
		return plants;
	}

	private List<Subscription> approved(App app) {
		return this.store.subscriptions(app.id()).stream().filter(Subscription::approved).toList();
	}

	private List<String> scopes(List<Subscription> approved) {
		Set<String> scopes = new LinkedHashSet<>();
		approved.stream()
			.sorted(Comparator.comparing(Subscription::product))
			.forEach((subscription) -> this.catalog.product(subscription.product())
				.ifPresent((product) -> scopes.addAll(product.scopes())));
		return new ArrayList<>(scopes);
	}

	private void audit(Actor actor, String partnerId, String action, App app, String detail) {
		this.store.audit(new AuditEvent(this.clock.instant(), actor.name(), partnerId, action,
				"app '" + app.name() + "' (" + app.id() + ")", detail));
		LOG.info("{} by {}: app {} ({}){}", action, actor.name(), app.id(), app.name(),
				(detail != null) ? ": " + detail : "");
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
	 * A subscription waiting for an API owner, with its app.
	 *
	 * @param subscription the subscription
	 * @param app its app
	 */
	public record Pending(Subscription subscription, App app) {

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

}
