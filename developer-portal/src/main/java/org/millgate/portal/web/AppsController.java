package org.millgate.portal.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.millgate.contracts.catalog.Product;
import org.millgate.portal.PortalSettings;
import org.millgate.portal.apps.App;
import org.millgate.portal.apps.Apps;
import org.millgate.portal.apps.Registrar;
import org.millgate.portal.catalog.CatalogView;
import org.millgate.portal.usage.UsageFigures;

/**
 * A partner's apps: create one, subscribe it to products, get, rotate and revoke its
 * credentials, see its usage, and get a token for the try-it console. A secret is shown
 * once, on the page that follows the change (a flash attribute), and never stored.
 */
@Controller
class AppsController {

	private final Apps apps;

	private final CatalogView catalog;

	private final UsageFigures usage;

	private final PortalSettings settings;

	private final Actors actors;

	AppsController(Apps apps, CatalogView catalog, UsageFigures usage, PortalSettings settings, Actors actors) {
		this.apps = apps;
		this.catalog = catalog;
		this.usage = usage;
		this.settings = settings;
		this.actors = actors;
	}

	@GetMapping("/apps")
	String apps(@AuthenticationPrincipal OidcUser user, Model model) {
		List<App> apps = this.apps.apps(this.actors.of(user));
		model.addAttribute("apps", apps);
		model.addAttribute("active", apps.stream().filter((app) -> !app.revoked()).count());
		model.addAttribute("activeAppsPerPartner", this.apps.activeAppsPerPartner());
		return "apps";
	}

	@PostMapping("/apps")
	String create(@AuthenticationPrincipal OidcUser user, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description, RedirectAttributes flash) {
		try {
			App app = this.apps.create(this.actors.of(user), name, description);
			flash.addFlashAttribute("notice", "App '" + app.name() + "' created. Subscribe it to a product next.");
			return "redirect:/apps/" + app.id();
		}
		catch (Apps.Refused refused) {
			flash.addFlashAttribute("error", refused.getMessage());
			flash.addFlashAttribute("name", name);
			flash.addFlashAttribute("description", description);
			return "redirect:/apps";
		}
	}

	@GetMapping("/apps/{appId}")
	String app(@AuthenticationPrincipal OidcUser user, @PathVariable String appId, Model model) {
		App app = this.apps.app(this.actors.of(user), appId);
		model.addAttribute("app", app);
		model.addAttribute("subscriptions", this.apps.subscriptions(app));
		model.addAttribute("grant", this.apps.grant(app));
		model.addAttribute("offers", offers());
		model.addAttribute("gatewayUrl", this.settings.gatewayUrl());
		model.addAttribute("tokenUrl", this.settings.issuerUrl().resolve("/oauth2/token"));
		try {
			model.addAttribute("usage", (app.clientId() != null) ? this.usage.rows(app.clientId()) : List.of());
		}
		catch (IllegalStateException ex) {
			model.addAttribute("usageError", ex.getMessage());
		}
		return "app";
	}

	@PostMapping("/apps/{appId}/subscriptions")
	String subscribe(@AuthenticationPrincipal OidcUser user, @PathVariable String appId,
			@RequestParam(defaultValue = "") String offer, RedirectAttributes flash) {
		String[] productAndPlan = offer.split("\\|", 2);
		try {
			Apps.Subscribed subscribed = this.apps.subscribe(this.actors.of(user), appId, productAndPlan[0],
					(productAndPlan.length > 1) ? productAndPlan[1] : null);
			var subscription = subscribed.subscription();
			if (subscribed.warning() != null) {
				flash.addFlashAttribute("error", subscribed.warning());
			}
			flash.addFlashAttribute("notice",
					subscription.approved()
							? "Subscribed to " + subscription.product() + " on " + subscription.plan()
									+ ": approved at once."
							: "Subscription to " + subscription.product() + " on " + subscription.plan()
									+ " requested: an API owner will approve or reject it.");
		}
		catch (Apps.Refused | Registrar.Refused | Registrar.Unavailable refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/apps/" + appId;
	}

	@PostMapping("/apps/{appId}/credentials")
	String issue(@AuthenticationPrincipal OidcUser user, @PathVariable String appId, RedirectAttributes flash) {
		try {
			flash.addFlashAttribute("credentials", this.apps.issueCredentials(this.actors.of(user), appId));
		}
		catch (Apps.Refused | Registrar.Refused | Registrar.Unavailable refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/apps/" + appId;
	}

	@PostMapping("/apps/{appId}/credentials/rotate")
	String rotate(@AuthenticationPrincipal OidcUser user, @PathVariable String appId, RedirectAttributes flash) {
		try {
			flash.addFlashAttribute("credentials", this.apps.rotate(this.actors.of(user), appId));
			flash.addFlashAttribute("notice",
					"New secret issued. The old secret no longer gets tokens, and the gateway refuses the tokens "
							+ "it got within seconds.");
		}
		catch (Apps.Refused | Registrar.Refused | Registrar.Unavailable refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/apps/" + appId;
	}

	@PostMapping("/apps/{appId}/revoke")
	String revoke(@AuthenticationPrincipal OidcUser user, @PathVariable String appId,
			@RequestParam(defaultValue = "") String confirm, RedirectAttributes flash) {
		if (!"yes".equals(confirm)) {
			flash.addFlashAttribute("error", "Tick \"Yes, revoke it for good\" to revoke the app.");
			return "redirect:/apps/" + appId;
		}
		try {
			this.apps.revoke(this.actors.of(user), appId);
			flash.addFlashAttribute("notice",
					"App revoked: it gets no more tokens, and the gateway refuses its tokens within seconds.");
		}
		catch (Apps.Refused | Registrar.Refused | Registrar.Unavailable refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/apps/" + appId;
	}

	/**
	 * A token with the app's credentials for the try-it console: the partner pastes the
	 * secret, which is passed to identity and forgotten.
	 */
	@PostMapping("/apps/{appId}/token")
	@ResponseBody
	ResponseEntity<Map<String, Object>> token(@AuthenticationPrincipal OidcUser user, @PathVariable String appId,
			@RequestParam(defaultValue = "") String secret) {
		try {
			Registrar.Token token = this.apps.token(this.actors.of(user), appId, secret);
			return ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(Map.of("access_token", token.value(), "expires_in", token.expiresIn(), "scope", token.scope()));
		}
		catch (Apps.Refused | Registrar.Refused refused) {
			return ResponseEntity.badRequest().body(Map.of("error", refused.getMessage()));
		}
		catch (Apps.NotFound notFound) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", notFound.getMessage()));
		}
		catch (Registrar.Unavailable unavailable) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(Map.of("error", unavailable.getMessage()));
		}
	}

	// every product and plan a partner may subscribe to
	private List<Offer> offers() {
		return this.catalog.products()
			.stream()
			.flatMap((product) -> product.plans().stream().map((plan) -> new Offer(product, plan)))
			.toList();
	}

	/**
	 * A product on a plan.
	 *
	 * @param product the product
	 * @param plan the plan
	 */
	record Offer(Product product, String plan) {

		public String value() {
			return this.product.id() + "|" + this.plan;
		}

	}

}
