package org.millgate.portal.apps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Product;

/**
 * The rule of what an app's client carries (issue 17, finding 3). A token carries the
 * scopes of every product its app is approved for and one {@code plants} claim, which the
 * gateway and the products read for every scope alike. So every approved subscription of
 * an app carries the same plants: a second product is approved with the plants of the
 * first or not at all, and replacing the plants of one replaces them for all. Otherwise
 * one product's plants would reach another product's scopes (production orders approved
 * for plant 1000 and inventory for 2000: one token reading the production orders of
 * 2000). Pure: it reads the catalog, nothing else.
 */
final class Grants {

	private static final Pattern PLANT = Pattern.compile("[A-Z0-9]{4}");

	private static final int MOST_PLANTS = 40;

	private final ContractCatalog catalog;

	Grants(ContractCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * What an app's client carries with these subscriptions: the approved ones' scopes
	 * and the plants they all carry (the rule keeps them equal; should they differ, only
	 * the plants every one of them carries, so that no product reaches a plant it was not
	 * given).
	 */
	Grant carried(App app, List<Subscription> subscriptions) {
		List<Subscription> approved = subscriptions.stream()
			.filter(Subscription::approved)
			.sorted(Comparator.comparing(Subscription::product))
			.toList();
		if (approved.isEmpty()) {
			return Grant.none(app.partnerId());
		}
		Set<String> scopes = new LinkedHashSet<>();
		Set<String> plants = new TreeSet<>(approved.get(0).plants());
		for (Subscription subscription : approved) {
			scopes.addAll(subscription.scopes());
			plants.retainAll(subscription.plants());
		}
		return new Grant(new ArrayList<>(scopes), new ArrayList<>(plants), approved.get(0).plan(), app.partnerId());
	}

	/**
	 * Approving a pending subscription.
	 * @param plantsText the plants to grant, space or comma separated; null for those the
	 * app carries now
	 * @param chosen the scopes to approve; null for every scope of the product
	 */
	Preview approval(App app, List<Subscription> subscriptions, Subscription pending, String plantsText,
			List<String> chosen) {
		Grant before = carried(app, subscriptions);
		List<String> plants = (plantsText != null) ? plants(plantsText) : before.plants();
		Optional<Product> product = this.catalog.product(pending.product());
		List<String> scopes = product.map((found) -> scopes(found, chosen)).orElse(List.of());
		String refusal;
		if (!pending.pending()) {
			refusal = "This subscription was decided already (it is " + state(pending) + ").";
		}
		else if (app.revoked()) {
			refusal = "This app was revoked; nothing can be granted to it.";
		}
		else if (product.isEmpty()) {
			refusal = "There is no API product '" + pending.product() + "' in the catalog any more.";
		}
		else if (scopes.isEmpty()) {
			refusal = "Approve at least one scope of " + product.get().title() + " ("
					+ String.join(", ", product.get().scopes()) + ").";
		}
		else {
			refusal = conflict(pending, plants, subscriptions);
		}
		return preview(Preview.Change.APPROVE, app, subscriptions, pending,
				List.of(pending.approvedWith(plants, scopes)), before, refusal);
	}

	/**
	 * Replacing the plants of an approved subscription: of every approved subscription of
	 * the app, as its token carries one {@code plants} claim.
	 */
	Preview replacement(App app, List<Subscription> subscriptions, Subscription approved, String plantsText) {
		Grant before = carried(app, subscriptions);
		List<String> plants = plants(plantsText);
		List<Subscription> changed = new ArrayList<>();
		changed.add(approved.withPlants(plants));
		subscriptions.stream()
			.filter((other) -> other.approved() && !other.id().equals(approved.id()) && !other.plants().equals(plants))
			.map((other) -> other.withPlants(plants))
			.forEach(changed::add);
		String refusal = null;
		if (!approved.approved()) {
			refusal = "Only an approved subscription's plants can be replaced; this one is " + state(approved) + ".";
		}
		else if (app.revoked()) {
			refusal = "This app was revoked; nothing can be granted to it.";
		}
		else if (changed.size() == 1 && approved.plants().equals(plants)) {
			refusal = "The app's token carries " + Grant.plants(plants) + " already.";
		}
		return preview(Preview.Change.REPLACE_PLANTS, app, subscriptions, approved, changed, before, refusal);
	}

	/**
	 * Revoking an approved subscription: its scopes and plants leave the app's client.
	 */
	Preview revocation(App app, List<Subscription> subscriptions, Subscription approved) {
		String refusal = approved.approved() ? null
				: "Only an approved subscription can be revoked; this one is " + state(approved) + ".";
		return preview(Preview.Change.REVOKE, app, subscriptions, approved, List.of(approved.asRevoked()),
				carried(app, subscriptions), refusal);
	}

	/**
	 * Plant codes as an owner types them: four capitals or digits each, space or comma
	 * separated; blank for none.
	 * @throws Apps.Refused for anything else
	 */
	static List<String> plants(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		Set<String> plants = new TreeSet<>();
		for (String plant : text.trim().split("[\\s,]+")) {
			if (!PLANT.matcher(plant).matches()) {
				throw new Apps.Refused(
						"'" + plant + "' is no plant code: plants are four capitals or digits, e.g. 1000.");
			}
			plants.add(plant);
		}
		if (plants.size() > MOST_PLANTS) {
			throw new Apps.Refused("At most " + MOST_PLANTS + " plants can be granted to an app.");
		}
		return List.copyOf(plants);
	}

	// the chosen scopes in the catalog's order; none chosen: every scope of the product
	private static List<String> scopes(Product product, List<String> chosen) {
		if (chosen == null) {
			return product.scopes();
		}
		for (String scope : chosen) {
			if (!product.scopes().contains(scope)) {
				throw new Apps.Refused("'" + scope + "' is no scope of " + product.title() + "; its scopes are "
						+ String.join(", ", product.scopes()) + ".");
			}
		}
		return product.scopes().stream().filter(chosen::contains).toList();
	}

	// the app's other approved subscriptions must carry the same plants
	private static String conflict(Subscription candidate, List<String> plants, List<Subscription> subscriptions) {
		return subscriptions.stream()
			.filter((other) -> other.approved() && !other.id().equals(candidate.id()) && !other.plants().equals(plants))
			.findFirst()
			.map((other) -> "An app's token carries one plants claim for all its products, and " + other.product()
					+ " is approved for this app with " + Grant.plants(other.plants()) + ". Approving "
					+ candidate.product() + " with " + Grant.plants(plants)
					+ " would let one product's scopes reach the other's plants. Approve it with "
					+ Grant.plants(other.plants()) + ", replace the plants of " + other.product()
					+ " first, or ask the partner to create another app for " + candidate.product() + ".")
			.orElse(null);
	}

	private Preview preview(Preview.Change change, App app, List<Subscription> subscriptions, Subscription target,
			List<Subscription> changed, Grant before, String refusal) {
		List<Subscription> after = subscriptions.stream()
			.map((subscription) -> changed.stream()
				.filter((candidate) -> candidate.id().equals(subscription.id()))
				.findFirst()
				.orElse(subscription))
			.toList();
		Grant grant = carried(app, after);
		return new Preview(change, target, app, changed, before, grant, refusal,
				refusal == null && app.hasCredentials() && grant.none());
	}

	private static String state(Subscription subscription) {
		return subscription.state().toLowerCase(Locale.ROOT);
	}

}
