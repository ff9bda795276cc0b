package org.millgate.portal.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.portal.PortalSettings;
import org.millgate.portal.apps.App;
import org.millgate.portal.apps.Apps;
import org.millgate.portal.catalog.CatalogView;

/**
 * The catalog: every product, one product with its versions and plans, its changelog, and
 * the API reference of each version.
 */
@Controller
class CatalogController {

	private final CatalogView catalog;

	private final PortalSettings settings;

	private final Clock clock;

	private final Apps apps;

	private final Actors actors;

	CatalogController(CatalogView catalog, PortalSettings settings, Clock clock, Apps apps, Actors actors) {
		this.catalog = catalog;
		this.settings = settings;
		this.clock = clock;
		this.apps = apps;
		this.actors = actors;
	}

	@GetMapping("/")
	String catalog(Model model) {
		model.addAttribute("catalog", this.catalog);
		model.addAttribute("today", LocalDate.now(this.clock));
		return "catalog";
	}

	@GetMapping("/products/{productId}")
	String product(@PathVariable String productId, Model model) {
		Product product = product(productId);
		model.addAttribute("catalog", this.catalog);
		model.addAttribute("product", product);
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("gatewayUrl", this.settings.gatewayUrl());
		return "product";
	}

	@GetMapping("/products/{productId}/changelog")
	String changelog(@PathVariable String productId, Model model) {
		Product product = product(productId);
		model.addAttribute("product", product);
		model.addAttribute("changelog", this.catalog.changelog(product));
		return "changelog";
	}

	@GetMapping("/products/{productId}/{version}/reference")
	String reference(@PathVariable String productId, @PathVariable String version,
			@AuthenticationPrincipal OidcUser user, Model model) {
		Product product = product(productId);
		model.addAttribute("product", product);
		model.addAttribute("version", version(product, version));
		model.addAttribute("gatewayUrl", this.settings.gatewayUrl());
		// a signed-in partner tries the API with one of its apps' credentials
		if (user != null) {
			Apps.Actor actor = this.actors.of(user);
			if (actor.partnerId() != null) {
				model.addAttribute("tryApps", this.apps.apps(actor).stream().filter(App::hasCredentials).toList());
			}
		}
		return "reference";
	}

	@GetMapping("/products/{productId}/{version}/openapi.yaml")
	ResponseEntity<String> contract(@PathVariable String productId, @PathVariable String version) {
		Product product = product(productId);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
			.body(this.catalog.contract(product, version(product, version), this.settings.gatewayUrl().toString())
				.orElseThrow(() -> new NotFound("There is no contract of " + productId + " " + version + ".")));
	}

	@GetMapping("/events/{productId}")
	String eventProduct(@PathVariable String productId, Model model) {
		EventProduct product = eventProduct(productId);
		List<ProductVersion> versions = this.catalog.visibleVersions(product);
		if (versions.isEmpty()) {
			throw new NotFound("There is no event product '" + productId + "'.");
		}
		model.addAttribute("catalog", this.catalog);
		model.addAttribute("product", product);
		model.addAttribute("versions", versions);
		model.addAttribute("events", this.catalog.events(product, versions.get(0)));
		model.addAttribute("eventsUrl",
				this.catalog.eventsPath(product)
					.map((path) -> this.settings.gatewayUrl().toString().replaceAll("/$", "") + path)
					.orElse(null));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "event-product";
	}

	@GetMapping("/events/{productId}/{version}/asyncapi.yaml")
	ResponseEntity<String> eventContract(@PathVariable String productId, @PathVariable String version) {
		EventProduct product = eventProduct(productId);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
			.body(this.catalog.eventContract(product, version)
				.orElseThrow(() -> new NotFound(product.title() + " has no version '" + version + "'.")));
	}

	private EventProduct eventProduct(String productId) {
		return this.catalog.eventProduct(productId)
			.orElseThrow(() -> new NotFound("There is no event product '" + productId + "'."));
	}

	private Product product(String productId) {
		return this.catalog.product(productId)
			.orElseThrow(() -> new NotFound("There is no API product '" + productId + "'."));
	}

	private ProductVersion version(Product product, String version) {
		return this.catalog.visibleVersion(product, version)
			.orElseThrow(() -> new NotFound(product.title() + " has no version '" + version + "'."));
	}

	/**
	 * A page that does not exist.
	 */
	static final class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message);
		}

	}

}
