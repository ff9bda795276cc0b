package org.millgate.portal.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.millgate.contracts.catalog.Product;
import org.millgate.portal.apps.Approvals;
import org.millgate.portal.apps.Apps;
import org.millgate.portal.apps.Preview;
import org.millgate.portal.apps.Registrar;
import org.millgate.portal.apps.Subscription;
import org.millgate.portal.catalog.CatalogView;

/**
 * For API owners: the subscriptions waiting for approval and those approved, and one
 * subscription's page, which previews what the app's token carries before and after an
 * approval (with plants and chosen scopes), a replacement of its plants or its
 * revocation, and makes exactly that change.
 *
 * <p>
 * Forms send the scopes chosen as {@code scope} with {@code choose-scopes=yes}: without
 * that marker every scope of the product is meant; with it and no {@code scope}, none
 * (refused), so that unticking every box never grants every scope.
 */
@Controller
class SubscriptionsController {

	private final Approvals approvals;

	private final CatalogView catalog;

	private final Actors actors;

	SubscriptionsController(Apps apps, CatalogView catalog, Actors actors) {
		this.approvals = apps.approvals();
		this.catalog = catalog;
		this.actors = actors;
	}

	@GetMapping("/owner/approvals")
	String approvals(Model model) {
		model.addAttribute("pending", this.approvals.pending());
		return "approvals";
	}

	@GetMapping("/owner/subscriptions")
	String approved(Model model) {
		model.addAttribute("approved", this.approvals.approved());
		return "subscriptions";
	}

	@GetMapping("/owner/subscriptions/{subscriptionId}")
	String subscription(@PathVariable String subscriptionId, @RequestParam(required = false) String plants,
			@RequestParam(name = "scope", required = false) List<String> scope,
			@RequestParam(name = "choose-scopes", defaultValue = "") String chooseScopes, Model model) {
		Apps.AppSubscription found = this.approvals.subscription(subscriptionId);
		Subscription subscription = found.subscription();
		model.addAttribute("subscription", subscription);
		model.addAttribute("app", found.app());
		model.addAttribute("productScopes",
				this.catalog.product(subscription.product()).map(Product::scopes).orElse(List.of()));
		try {
			if (subscription.pending()) {
				model.addAttribute("approval",
						this.approvals.approval(subscriptionId, plants, scopes(scope, chooseScopes)));
			}
			else if (subscription.approved()) {
				model.addAttribute("revocation", this.approvals.revocation(subscriptionId));
				if (plants != null) {
					model.addAttribute("replacement", this.approvals.replacement(subscriptionId, plants));
				}
			}
		}
		catch (Apps.Refused refused) {
			model.addAttribute("error", refused.getMessage());
		}
		model.addAttribute("plants", (plants != null) ? plants : String.join(" ", subscription.plants()));
		return "subscription";
	}

	@PostMapping("/owner/subscriptions/{subscriptionId}/approve")
	String approve(@AuthenticationPrincipal OidcUser user, @PathVariable String subscriptionId,
			@RequestParam(defaultValue = "") String plants,
			@RequestParam(name = "scope", required = false) List<String> scope,
			@RequestParam(name = "choose-scopes", defaultValue = "") String chooseScopes, RedirectAttributes flash) {
		try {
			Approvals.Decided decided = this.approvals.approve(this.actors.of(user), subscriptionId, plants,
					scopes(scope, chooseScopes));
			flash.addFlashAttribute("notice",
					"Approved. The app's token now carries " + decided.preview().after().summary() + ".");
			if (decided.warning() != null) {
				flash.addFlashAttribute("notice", "Approved.");
				flash.addFlashAttribute("error", decided.warning());
			}
			return "redirect:/owner/approvals";
		}
		catch (Apps.Refused | Registrar.Refused | Registrar.Unavailable refused) {
			flash.addFlashAttribute("error", refused.getMessage());
			return "redirect:/owner/subscriptions/" + subscriptionId;
		}
	}

	@PostMapping("/owner/subscriptions/{subscriptionId}/reject")
	String reject(@AuthenticationPrincipal OidcUser user, @PathVariable String subscriptionId,
			RedirectAttributes flash) {
		try {
			this.approvals.reject(this.actors.of(user), subscriptionId);
			flash.addFlashAttribute("notice", "Rejected.");
		}
		catch (Apps.Refused refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/owner/approvals";
	}

	@PostMapping("/owner/subscriptions/{subscriptionId}/plants")
	String replacePlants(@AuthenticationPrincipal OidcUser user, @PathVariable String subscriptionId,
			@RequestParam(defaultValue = "") String plants, RedirectAttributes flash) {
		try {
			Preview replaced = this.approvals.replacePlants(this.actors.of(user), subscriptionId, plants);
			flash.addFlashAttribute("notice",
					"Plants replaced. The app's token now carries " + replaced.after().summary() + ".");
		}
		catch (Apps.Refused | Registrar.Refused | Registrar.Unavailable refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/owner/subscriptions/" + subscriptionId;
	}

	@PostMapping("/owner/subscriptions/{subscriptionId}/revoke")
	String revoke(@AuthenticationPrincipal OidcUser user, @PathVariable String subscriptionId,
			RedirectAttributes flash) {
		try {
			Preview revoked = this.approvals.revoke(this.actors.of(user), subscriptionId);
			flash.addFlashAttribute("notice",
					revoked.clientRevoked()
							? "Revoked. No product is approved for the app any more: its client is revoked at identity."
							: "Revoked. The app's token now carries " + revoked.after().summary() + ".");
		}
		catch (Apps.Refused | Registrar.Refused | Registrar.Unavailable refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/owner/subscriptions/" + subscriptionId;
	}

	private static List<String> scopes(List<String> scope, String chooseScopes) {
		if (!"yes".equals(chooseScopes)) {
			return scope;
		}
		return (scope != null) ? scope : List.of();
	}

}
